using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Work;

/// <summary>A field technician as customers see them: a name and a photo.</summary>
public sealed class Technician : SyncedEntity
{
    public const int DisplayNameMaxLength = 100;

    private string _displayName = null!;
    private string? _photoUrl;

    private Technician()
    {
    }

    private Technician(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public string DisplayName => _displayName;

    public string? PhotoUrl => _photoUrl;

    public static Technician Create(TenantId tenantId, string externalId, string displayName, string? photoUrl, DateTimeOffset now)
    {
        var technician = new Technician(tenantId, externalId, now);
        technician.Update(displayName, photoUrl, now);
        return technician;
    }

    public bool Update(string displayName, string? photoUrl, DateTimeOffset now)
    {
        if (!string.IsNullOrEmpty(photoUrl) && !ContactRules.IsPublicHttpsUrl(photoUrl))
        {
            throw new DomainException("invalid_url", "A photo URL is an absolute https URL on a public host.");
        }

        var changed = Set(ref _displayName, Guard.Required(displayName, "Display name", DisplayNameMaxLength));
        changed |= Set(ref _photoUrl, string.IsNullOrEmpty(photoUrl) ? null : photoUrl);
        return Stamp(changed, now);
    }
}

/// <summary>A kind of job, such as "AC repair" or "Furnace tune-up".</summary>
public sealed class JobType : SyncedEntity
{
    private string _name = null!;

    private JobType()
    {
    }

    private JobType(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public string Name => _name;

    public static JobType Create(TenantId tenantId, string externalId, string name, DateTimeOffset now)
    {
        var jobType = new JobType(tenantId, externalId, now);
        jobType.Update(name, now);
        return jobType;
    }

    public bool Update(string name, DateTimeOffset now) => Stamp(Set(ref _name, Guard.Required(name, "Name", Limits.NameMaxLength)), now);
}

using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Domain.Tenants;

/// <summary>A field-service company using the portal. Everything a tenant owns carries its id.</summary>
public sealed class Tenant : IPlatformScoped
{
    public const int NameMaxLength = 200;

    // For materialization by the persistence layer.
    private Tenant()
    {
        Name = null!;
        Slug = null!;
        HostName = null!;
        AccountSettings = null!;
    }

    private Tenant(TenantId id, string name, string slug, HostName hostName, TenantAccountSettings accountSettings, DateTimeOffset now)
    {
        Id = id;
        Name = name;
        Slug = slug;
        HostName = hostName;
        AccountSettings = accountSettings;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public TenantId Id { get; private set; }

    public string Name { get; private set; }

    public string Slug { get; private set; }

    public HostName HostName { get; private set; }

    public TenantAccountSettings AccountSettings { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Creates a tenant; the account display name defaults to the tenant's name.</summary>
    public static Tenant Create(
        string name,
        string slug,
        HostName hostName,
        TenantAccountSettings? accountSettings,
        DateTimeOffset now)
    {
        var trimmedName = Guard.Required(name, "Name", NameMaxLength);
        if (slug != Tenants.Slug.FromName(slug))
        {
            throw new DomainException("invalid_slug", "A slug has lowercase letters, digits and single hyphens.");
        }

        return new Tenant(
            TenantId.New(),
            trimmedName,
            slug,
            hostName,
            accountSettings ?? TenantAccountSettings.Default(trimmedName),
            now);
    }

    public void ChangeHostName(HostName hostName, DateTimeOffset now)
    {
        if (hostName == HostName)
        {
            return;
        }

        HostName = hostName;
        UpdatedAt = now;
    }

    public void UpdateAccountSettings(TenantAccountSettings settings, DateTimeOffset now)
    {
        if (settings == AccountSettings)
        {
            return;
        }

        AccountSettings = settings;
        UpdatedAt = now;
    }
}

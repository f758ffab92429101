using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.Tenants.CreateTenant;

/// <summary>Creates a tenant.</summary>
/// <param name="Name">The company's name, 1-200 characters.</param>
/// <param name="HostName">Portal host name: 5-63 lowercase letters, digits and hyphens, no hyphen at either end, not reserved.</param>
/// <param name="AccountSettings">Optional account settings; omitted fields take defaults.</param>
public sealed record CreateTenantCommand(string Name, string HostName, AccountSettingsInput? AccountSettings)
    : ICommand<Result<TenantDto>>;

internal sealed class CreateTenantHandler(IAppDbContext db, IClock clock, IOptions<TenancyOptions> options)
    : IRequestHandler<CreateTenantCommand, Result<TenantDto>>
{
    public async Task<Result<TenantDto>> Handle(CreateTenantCommand request, CancellationToken cancellationToken)
    {
        var hostName = HostName.Create(request.HostName, options.Value.EffectiveReservedHostNames);
        if (await db.IsTakenAsync(hostName, except: null, cancellationToken))
        {
            return HostNameAvailability.Taken(hostName);
        }

        var name = request.Name.Trim();
        var slug = await FreeSlugAsync(Slug.FromName(name), cancellationToken);
        var settings = request.AccountSettings?.ToDomain(name);
        var tenant = Tenant.Create(name, slug, hostName, settings, clock.UtcNow);
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<Tenant>(nameof(Tenant.HostName)))
        {
            return HostNameAvailability.Taken(hostName);
        }

        return TenantDto.From(tenant);
    }

    private async Task<string> FreeSlugAsync(string baseSlug, CancellationToken ct)
    {
        var prefix = baseSlug + "-";
        var taken = await db.Tenants
            .Where(t => t.Slug == baseSlug || t.Slug.StartsWith(prefix))
            .Select(t => t.Slug)
            .ToListAsync(ct);
        var takenSet = taken.ToHashSet(StringComparer.Ordinal);
        var n = 1;
        while (takenSet.Contains(Slug.WithSuffix(baseSlug, n)))
        {
            n++;
        }

        return Slug.WithSuffix(baseSlug, n);
    }
}

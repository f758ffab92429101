using Mediator;
using HeadlessPortal.Application.Common.Auditing;
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
    : ITransactionalCommand<Result<TenantDto>>;

internal sealed class CreateTenantHandler(IAppDbContext db, IClock clock, IOptions<TenancyOptions> options, IAuditLog audit)
    : ICommandHandler<CreateTenantCommand, Result<TenantDto>>
{
    private const int MaxSlugAttempts = 10;

    public async ValueTask<Result<TenantDto>> Handle(CreateTenantCommand request, CancellationToken cancellationToken)
    {
        var hostName = HostName.Create(request.HostName, options.Value.EffectiveReservedHostNames);
        if (await db.IsTakenAsync(hostName, except: null, cancellationToken))
        {
            return HostNameAvailability.Taken(hostName);
        }

        var name = request.Name.Trim();
        var settings = request.AccountSettings?.ToDomain(name);
        var baseSlug = Slug.FromName(name);

        // A concurrent request can take the same slug between our probe and our insert. The unique index
        // catches it (EF rolls back to a savepoint, so the transaction stays usable) and we probe again.
        for (var attempt = 1; ; attempt++)
        {
            var tenant = Tenant.Create(name, await FreeSlugAsync(baseSlug, cancellationToken), hostName, settings, clock.UtcNow);
            db.Tenants.Add(tenant);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.PortalSettings.Add(Domain.Portal.PortalSettings.CreateDefault(tenant.Id, clock.UtcNow));
                audit.Record(tenant.Id, "tenant.created", "tenant", null, TenantDto.From(tenant));
                await db.SaveChangesAsync(cancellationToken);
                return TenantDto.From(tenant);
            }
            catch (UniqueConstraintViolationException ex) when (ex.Covers<Tenant>(nameof(Tenant.HostName)))
            {
                return HostNameAvailability.Taken(hostName);
            }
            catch (UniqueConstraintViolationException ex) when (ex.Covers<Tenant>(nameof(Tenant.Slug)))
            {
                if (attempt == MaxSlugAttempts)
                {
                    return Error.Conflict("concurrency_conflict", "Many tenants with this name are being created at once; retry the request.");
                }

                db.Tenants.Entry(tenant).State = EntityState.Detached;
            }
        }
    }

    // Probes "acme", "acme-2", ... in batches by equality, so every lookup is a seek on the unique index.
    private async Task<string> FreeSlugAsync(string baseSlug, CancellationToken ct)
    {
        const int batch = 10;
        for (var first = 1; ; first += batch)
        {
            var candidates = Enumerable.Range(first, batch).Select(n => Slug.WithSuffix(baseSlug, n)).ToList();
            var taken = await db.Tenants.Where(t => candidates.Contains(t.Slug)).Select(t => t.Slug).ToListAsync(ct);
            var free = candidates.FirstOrDefault(c => !taken.Contains(c));
            if (free is not null)
            {
                return free;
            }
        }
    }
}

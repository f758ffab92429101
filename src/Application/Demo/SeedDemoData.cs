using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Demo;

/// <summary>Seeds the demo tenant into an empty database; does nothing when any tenant exists.</summary>
public sealed record SeedDemoDataCommand : ICommand<DemoSeedResult>;

/// <summary>What seeding created; <see cref="Created"/> is false when the database already had data.</summary>
public sealed record DemoSeedResult(bool Created, Guid? TenantId, string? TenantName, string? HostName);

internal sealed class SeedDemoDataHandler(IAppDbContext db, IClock clock) : IRequestHandler<SeedDemoDataCommand, DemoSeedResult>
{
    public const string TenantName = "Demo Heating & Air";
    public const string DemoHostName = "demo-hvac";

    public async Task<DemoSeedResult> Handle(SeedDemoDataCommand request, CancellationToken cancellationToken)
    {
        if (await db.Tenants.AnyAsync(cancellationToken))
        {
            return new DemoSeedResult(false, null, null, null);
        }

        var settings = new TenantAccountSettings(
            TenantName,
            logoUrl: null,
            primaryColor: "#0B5FFF",
            phone: "+15555550100",
            email: "office@demo-hvac.example",
            timeZone: "America/Chicago",
            currency: "usd");
        var tenant = Tenant.Create(TenantName, Slug.FromName(TenantName), HostName.FromTrusted(DemoHostName), settings, clock.UtcNow);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        return new DemoSeedResult(true, tenant.Id.Value, tenant.Name, tenant.HostName.Value);
    }
}

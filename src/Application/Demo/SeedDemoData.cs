using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Demo;

/// <summary>Seeds the demo tenant into an empty database; does nothing when any tenant exists.</summary>
public sealed record SeedDemoDataCommand : ICommand<DemoSeedResult>;

/// <summary>What seeding created; <see cref="Created"/> is false when the database already had data.</summary>
public sealed record DemoSeedResult(bool Created, Guid? TenantId, string? TenantName, string? HostName);

/// <summary>The demo's fixed credentials, listed in README. Development only.</summary>
public static class DemoCredentials
{
    public const string TenantName = "Demo Heating & Air";
    public const string HostName = "demo-hvac";
    public const string AdminClientId = "demo-admin";
    public const string AdminClientSecret = "demo-admin-secret";
    public const string PublishableKey = "pk_demo_local";
    public const string AllowedOrigin = "http://localhost:3000";
    public const string SenderNumber = "+15555550100";
}

internal sealed class SeedDemoDataHandler(IAppDbContext db, IClock clock, ISecrets secrets) : IRequestHandler<SeedDemoDataCommand, DemoSeedResult>
{
    public async Task<DemoSeedResult> Handle(SeedDemoDataCommand request, CancellationToken cancellationToken)
    {
        if (await db.Tenants.AnyAsync(cancellationToken))
        {
            return new DemoSeedResult(false, null, null, null);
        }

        var now = clock.UtcNow;
        var account = new TenantAccountSettings(
            DemoCredentials.TenantName,
            logoUrl: null,
            primaryColor: "#0B5FFF",
            phone: "+15555550100",
            email: "office@demo-hvac.example",
            timeZone: "America/Chicago",
            currency: "usd");
        var tenant = Tenant.Create(DemoCredentials.TenantName, Slug.FromName(DemoCredentials.TenantName), Domain.Tenants.HostName.FromTrusted(DemoCredentials.HostName), account, now);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);

        db.ApiClients.Add(ApiClient.Create(tenant.Id, DemoCredentials.AdminClientId, "Demo admin", ApiClientRole.Admin, secrets.Hash(DemoCredentials.AdminClientSecret), now));
        db.PublishableKeys.Add(Domain.Portal.PublishableKey.Create(tenant.Id, DemoCredentials.PublishableKey, "Local front end", [DemoCredentials.AllowedOrigin], now));
        db.SenderPhoneNumbers.Add(SenderPhoneNumber.Create(tenant.Id, DemoCredentials.SenderNumber, "Demo dispatch line", now));
        db.BusinessUnits.Add(BusinessUnit.Create(tenant.Id, "bu-residential", "Residential HVAC", true, now));
        db.BusinessUnits.Add(BusinessUnit.Create(tenant.Id, "bu-commercial", "Commercial HVAC", true, now));

        var settings = Domain.Portal.PortalSettings.CreateDefault(tenant.Id, now);
        settings.AcceptLegalAgreement("2026-11", DemoCredentials.AdminClientId, now);
        settings.Update(
            enabled: true,
            PortalFeatures.Defaults with { PartialPayments = true, ReviewCollection = true },
            AppointmentTimeDisplay.ArrivalWindow,
            [AgreementStatus.Active, AgreementStatus.Expired],
            [],
            [SignInMethod.Password, SignInMethod.MagicLink, SignInMethod.PhoneLastFour],
            new PortalBranding("Demo Heating & Air Customer Portal", "https://cdn.demo-hvac.example/logo.png", "#0B5FFF"),
            new SmsNotifications(JobBooked: true, TechnicianDispatched: true, TechnicianEnRoute: true, WorkComplete: true, InvoiceSent: false),
            onlinePaymentsEnabled: false,
            paymentAccountConnected: false,
            now);
        db.PortalSettings.Add(settings);
        await db.SaveChangesAsync(cancellationToken);
        return new DemoSeedResult(true, tenant.Id.Value, tenant.Name, tenant.HostName.Value);
    }
}

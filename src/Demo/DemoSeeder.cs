using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Application.Documents;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalAuth;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Bookings;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Documents;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.PortalUsers;
using HeadlessPortal.Domain.Scheduling;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Demo;

public static class DemoRegistration
{
    /// <summary>Registers the demo seeder; the API calls this in Development only.</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services) => services.AddScoped<DemoSeeder>();
}

/// <summary>
/// What seeding created; <see cref="Created"/> is false when the database already had data. <see cref="SyncedRecords"/>
/// counts the company's back-office records (customers, jobs, invoices, ...).
/// </summary>
public sealed record DemoSeedResult(bool Created, Guid? TenantId, string? TenantName, string? HostName, int SyncedRecords);

/// <summary>The demo's fixed credentials, listed in README. Development only.</summary>
public static class DemoCredentials
{
    /// <summary>The demo company's Stripe account (on the fake Stripe the demo runs against).</summary>
    public const string PaymentAccountId = "acct_1DemoHeatingAndAir";

    public const string TenantName = "Demo Heating & Air";
    public const string HostName = "demo-hvac";
    public const string AdminClientId = "demo-admin";
    public const string AdminClientSecret = "demo-admin-secret";
    public const string PublishableKey = "pk_demo_local";
    public const string AllowedOrigin = "http://localhost:3000";

    /// <summary>
    /// Swagger UI's front-end app: a public client that signs a portal user in with the authorization code flow and PKCE.
    /// Its redirect URI is Swagger UI's oauth2-redirect.html on the API's own address (see <see cref="DemoSeeder.RegisterDemoAppsAsync"/>).
    /// </summary>
    public const string SwaggerUiClientId = "app_demo_swagger_ui";

    /// <summary>Where Swagger UI receives the authorization response, below the API's own origin.</summary>
    public const string SwaggerUiRedirectPath = "/swagger/oauth2-redirect.html";

    /// <summary>The widgets' demo page's front-end app, for its sign-in button; its redirect URI is the page itself.</summary>
    public const string WidgetsDemoClientId = "app_demo_widgets";

    /// <summary>The widgets' demo page, below the API's own origin.</summary>
    public const string WidgetsDemoRedirectPath = "/widgets/demo.html";

    /// <summary>The sample front end in samples/spa, served on <see cref="AllowedOrigin"/> (npm run serve).</summary>
    public const string SampleSpaClientId = "app_demo_spa";

    /// <summary>The API's address when started with <c>dotnet run</c> (its launch profile).</summary>
    public const string ApiOrigin = "http://localhost:5080";
    public const string SenderNumber = "+15555550100";

    /// <summary>A landlord's email: a portal contact on three customers, with billing access on two and service only on one.</summary>
    public const string SharedContactEmail = "dana@whitfield-properties.example";

    /// <summary>An active portal user on three customers: billing access on two, service only on one.</summary>
    public const string PortalUserEmail = "pat@example.com";

    /// <summary>Pat's name on the portal contacts, by which emails to pat greet them.</summary>
    public const string PortalUserName = "Pat Thompson";

    public const string PortalUserPassword = "demo-portal-password";

    /// <summary>The contact the demo invites on its first start, so the invitation email is there to open.</summary>
    public const string InvitedContactId = "con-1044";
}

/// <summary>Seeds the demo tenant into an empty database; does nothing when any tenant exists.</summary>
public sealed class DemoSeeder(
    IAppDbContext db, IUnitOfWork unitOfWork, IClock clock, ISecrets secrets, ITenantScope tenantScope, SyncResourceRegistry registry, IFileStorage storage,
    IPasswordHasher passwords, PortalEmails emails)
{
    /// <summary>All or nothing, in one transaction: a half-seeded database would count as seeded on the next start.</summary>
    public Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(SeedInTransactionAsync, _ => true, cancellationToken);

    private async Task<DemoSeedResult> SeedInTransactionAsync(CancellationToken cancellationToken)
    {
        if (await db.Tenants.AnyAsync(cancellationToken))
        {
            return new DemoSeedResult(false, null, null, null, 0);
        }

        var now = clock.UtcNow;
        var account = new TenantAccountSettings(
            DemoCredentials.TenantName,
            logoUrl: null,
            primaryColor: "#0B5FFF",
            phone: "+15555550100",
            email: "office@demo-hvac.example",
            timeZone: DemoCompany.TimeZoneId,
            currency: "usd");
        var tenant = Tenant.Create(DemoCredentials.TenantName, Slug.FromName(DemoCredentials.TenantName), Domain.Tenants.HostName.FromTrusted(DemoCredentials.HostName), account, now);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);

        // From here on the seeding reads as the demo tenant, as the back office's own requests would.
        tenantScope.Enter(tenant.Id);
        db.ApiClients.Add(ApiClient.Create(tenant.Id, DemoCredentials.AdminClientId, "Demo admin", ApiClientRole.Admin, secrets.Hash(DemoCredentials.AdminClientSecret), now));
        db.PublishableKeys.Add(Domain.Portal.PublishableKey.Create(tenant.Id, DemoCredentials.PublishableKey, "Local front end", [DemoCredentials.AllowedOrigin], now));
        foreach (var (clientId, name, path) in DemoApps)
        {
            db.Set<OAuthApp>().Add(OAuthApp.Create(tenant.Id, clientId, name, [DemoCredentials.ApiOrigin + path], [DemoCredentials.ApiOrigin], null, now));
        }

        db.Set<OAuthApp>().Add(OAuthApp.Create(
            tenant.Id, DemoCredentials.SampleSpaClientId, "Sample front end (samples/spa)", [DemoCredentials.AllowedOrigin + "/"], [DemoCredentials.AllowedOrigin], null, now));

        db.SenderPhoneNumbers.Add(SenderPhoneNumber.Create(tenant.Id, DemoCredentials.SenderNumber, "Demo dispatch line", now));
        db.BusinessUnits.Add(BusinessUnit.Create(tenant.Id, DemoCompany.Residential, "Residential HVAC", true, now));
        db.BusinessUnits.Add(BusinessUnit.Create(tenant.Id, DemoCompany.Commercial, "Commercial HVAC", true, now));

        db.Set<Domain.Payments.PaymentAccount>().Add(Domain.Payments.PaymentAccount.Connect(tenant.Id, DemoCredentials.PaymentAccountId, now));
        var settings = Domain.Portal.PortalSettings.CreateDefault(tenant.Id, now);
        settings.AcceptLegalAgreement("2026-11", DemoCredentials.AdminClientId, now);
        settings.Update(
            enabled: true,
            PortalFeatures.Defaults with { PartialPayments = true, ReviewCollection = true, JobBooking = true, SelfScheduling = true },
            AppointmentTimeDisplay.ArrivalWindow,
            [AgreementStatus.Active, AgreementStatus.Expired],
            [],
            [SignInMethod.Password, SignInMethod.MagicLink, SignInMethod.PhoneLastFour],
            // No logo: the demo has no https server to keep one on, and a page must not load one that does not exist.
            new PortalBranding("Demo Heating & Air Customer Portal", null, "#0B5FFF"),
            new SmsNotifications(JobBooked: true, TechnicianDispatched: true, TechnicianEnRoute: true, WorkComplete: true, InvoiceSent: false, ReviewRequest: true),
            new EmailNotifications(ReviewRequest: true),
            onlinePaymentsEnabled: true,
            paymentAccountConnected: true,
            now);
        settings.SetPublicReviewUrl("https://g.page/r/demo-heating-and-air/review", now);
        db.PortalSettings.Add(settings);
        await db.SaveChangesAsync(cancellationToken);

        var records = DemoCompany.Build(now);
        var context = new SyncContext(db, tenant.Id, now) { RaiseEvents = false };
        await SyncAsync(context, records, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await AddBookingSettingsAsync(context, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var documents = await AddDocumentsAsync(context, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await AddPortalUsersAsync(tenant.Id, now, cancellationToken);
        await SendEstimateAsync(tenant.Id, now, cancellationToken);
        await AddBookingRequestsAsync(tenant.Id, now, cancellationToken);
        return new DemoSeedResult(true, tenant.Id.Value, tenant.Name, tenant.HostName.Value, records.Count + documents);
    }

    /// <summary>The demo's public front-end apps, each with its redirect path below the API's own origin.</summary>
    private static readonly (string ClientId, string Name, string Path)[] DemoApps =
    [
        (DemoCredentials.SwaggerUiClientId, "Swagger UI (demo)", DemoCredentials.SwaggerUiRedirectPath),
        (DemoCredentials.WidgetsDemoClientId, "Widgets demo page", DemoCredentials.WidgetsDemoRedirectPath),
    ];

    /// <summary>
    /// Registers the demo apps' redirect URIs (Swagger UI's oauth2-redirect.html, the widgets' demo page) on the addresses
    /// the API listens on (and, for a loopback address, on its other loopback name), so signing in with PKCE works on
    /// whatever port the demo was started. The ten most recent stay. An app that is not there (a database seeded before
    /// it existed, or no demo at all) is left alone.
    /// </summary>
    public async Task RegisterDemoAppsAsync(IEnumerable<string> listeningAddresses, CancellationToken cancellationToken)
    {
        var clientIds = DemoApps.Select(a => a.ClientId).ToList();
        var apps = await db.Set<OAuthApp>().IgnoreQueryFilters().Where(a => clientIds.Contains(a.ClientId)).ToListAsync(cancellationToken);
        var origins = listeningAddresses.SelectMany(LoopbackNames).Distinct(StringComparer.Ordinal).ToList();
        var changed = false;
        foreach (var app in apps)
        {
            var path = DemoApps.Single(a => a.ClientId == app.ClientId).Path;
            var here = origins.Where(o => OAuthApp.IsRedirectUri(o + path)).ToList();
            var redirects = app.RedirectUris.Concat(here.Select(o => o + path)).Distinct(StringComparer.Ordinal).TakeLast(OAuthApp.MaxRedirectUris).ToList();
            var allowed = app.AllowedOrigins.Concat(here).Distinct(StringComparer.Ordinal).TakeLast(OAuthApp.MaxRedirectUris).ToList();
            if (redirects.SequenceEqual(app.RedirectUris, StringComparer.Ordinal) && allowed.SequenceEqual(app.AllowedOrigins, StringComparer.Ordinal))
            {
                continue;
            }

            if (!changed)
            {
                tenantScope.Enter(app.TenantId);
                changed = true;
            }

            app.Update(app.Name, redirects, allowed, clock.UtcNow);
        }

        if (changed)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static IEnumerable<string> LoopbackNames(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            yield break;
        }

        var origin = uri.GetLeftPart(UriPartial.Authority);
        yield return origin;
        if (uri.Host == "localhost")
        {
            yield return $"{uri.Scheme}://127.0.0.1:{uri.Port}";
        }
        else if (uri.Host == "127.0.0.1")
        {
            yield return $"{uri.Scheme}://localhost:{uri.Port}";
        }
    }

    /// <summary>The tune-ups self-schedulable for 90 minutes in the residential unit's windows, repairs request-only; website requests on.</summary>
    private async Task AddBookingSettingsAsync(SyncContext context, CancellationToken ct)
    {
        async Task<Guid> IdOf<T>(string externalId)
            where T : Domain.Common.SyncedEntity =>
            (await context.ResolveAsync<T>("id", externalId, ct) ?? throw new InvalidOperationException($"Demo booking settings name an unknown record \"{externalId}\".")).Id;

        var residential = await IdOf<BusinessUnit>(DemoCompany.Residential);
        var settings = BookingSettings.CreateDefault(context.TenantId);
        settings.Update(
            [
                new BookableJobType(await IdOf<JobType>(DemoCompany.AcTuneUp), DemoCompany.AcTuneUp, true, true, 90, residential, DemoCompany.Residential),
                new BookableJobType(await IdOf<JobType>(DemoCompany.FurnaceTuneUp), DemoCompany.FurnaceTuneUp, true, true, 90, residential, DemoCompany.Residential),
                new BookableJobType(await IdOf<JobType>(DemoCompany.Repair), DemoCompany.Repair, true, false, 120, null, null),
            ],
            BookingSettings.DefaultHorizonDays,
            BookingSettings.DefaultLeadTimeHours,
            BookingSettings.DefaultChangeCutOffHours,
            websiteRequests: true,
            context.Now);
        db.Set<BookingSettings>().Add(settings);
    }

    /// <summary>Pat's active account, and an invitation to Leah Ortiz that the outbox then delivers (to data/mail in Development).</summary>
    private async Task AddPortalUsersAsync(TenantId tenantId, DateTimeOffset now, CancellationToken ct)
    {
        var pat = PortalUser.CreateVerified(tenantId, DemoCredentials.PortalUserEmail, now);
        pat.SetPassword(passwords.Hash(DemoCredentials.PortalUserPassword), now);
        db.Set<PortalUser>().Add(pat);
        foreach (var contact in await db.Set<PortalContact>().Where(c => c.Email == DemoCredentials.PortalUserEmail).ToListAsync(ct))
        {
            contact.RecordInvitation(now);
        }

        var invited = await db.Set<PortalContact>().SingleAsync(c => c.ExternalId == DemoCredentials.InvitedContactId, ct);
        invited.RecordInvitation(now);
        await emails.QueueAsync(PortalTokenPurpose.Invitation, invited.Email, invited, messageId: null, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The back office sends Pat's open estimate (estimate.sent), as its sync would have: the outbox then emails the
    /// Thompsons' billing contacts an estimate link (to data/mail in Development), through the same handler as any estimate.
    /// </summary>
    private async Task SendEstimateAsync(TenantId tenantId, DateTimeOffset now, CancellationToken ct)
    {
        var proposal = await db.Set<Proposal>().SingleAsync(p => p.ExternalId == DemoCompany.SentEstimateId, ct);
        db.OutboxMessages.Add(OutboxMessage.For(
            tenantId, Proposal.SentEvent, JsonSerializer.Serialize(new DomainEvent(Proposal.SentEvent, proposal.Id, proposal.ExternalId), JsonSerializerOptions.Web), now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Two new requests in the office's Bookings list: pat's, for the Thompsons' home, and a website visitor's. Seeded as
    /// stored records, without their events or office emails.
    /// </summary>
    private async Task AddBookingRequestsAsync(TenantId tenantId, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, DemoCompany.Zone()).DateTime);
        var repair = await db.Set<JobType>().SingleAsync(j => j.ExternalId == DemoCompany.AcRepairJobType, ct);
        var diagnostic = await db.Set<JobType>().SingleAsync(j => j.ExternalId == DemoCompany.DiagnosticJobType, ct);
        var pat = await db.Set<PortalUser>().SingleAsync(u => u.Email == DemoCredentials.PortalUserEmail, ct);
        var thompsons = await db.Set<PortalContact>().Where(c => c.ExternalId == "con-pat-thompson").Select(c => c.CustomerId).SingleAsync(ct);
        var home = await db.Set<Location>().Where(l => l.CustomerId == thompsons).OrderBy(l => l.ExternalId).FirstAsync(ct);

        db.Set<Booking>().Add(Booking.RequestFromPortal(
            UuidV7.NewGuid(), tenantId, new Ref(repair.Id, repair.ExternalId), home.Customer, new Ref(home.Id, home.ExternalId), pat.Id,
            [new PreferredWindow(today.AddDays(3), today.AddDays(4)), new PreferredWindow(today.AddDays(7), today.AddDays(7))],
            "The upstairs AC runs but blows warm air.", "+15555550142", $"user:{pat.Id}", "demo-request", "DEMO", today, now.AddHours(-3)));
        db.Set<Booking>().Add(Booking.RequestFromWebsite(
            UuidV7.NewGuid(), tenantId, new Ref(diagnostic.Id, diagnostic.ExternalId),
            new WebsiteRequester("Jamie Rivera", "jamie.rivera@example.com", "+15555550177", new Address("612 W Monroe St", null, "Springfield", "IL", "62704", "US")),
            [new PreferredWindow(today.AddDays(2), today.AddDays(5))], "Furnace makes a banging noise when it starts.", today, now.AddHours(-1)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A shared inspection report and photo, and an office-only photo, on two finished jobs.</summary>
    private async Task<int> AddDocumentsAsync(SyncContext context, CancellationToken ct)
    {
        // A one-pixel PNG and a minimal PDF: real files of their types, small enough to live in code.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();
        (string Id, string Job, DocumentKind Kind, bool Shared, string Title, string FileName, string ContentType, byte[] Bytes)[] documents =
        [
            ("doc-24001-capacitor", "job-J-24001", DocumentKind.Photo, true, "Replaced run capacitor", "capacitor.png", "image/png", png),
            ("doc-24002-report", "job-J-24002", DocumentKind.Document, true, "Furnace inspection report", "inspection.pdf", "application/pdf", pdf),
            ("doc-24002-rust", "job-J-24002", DocumentKind.Photo, false, "Heat exchanger rust (office only)", "heat-exchanger.png", "image/png", png),
        ];
        foreach (var d in documents)
        {
            var job = await context.ResolveAsync<Job>("jobId", d.Job, ct)
                ?? throw new InvalidOperationException($"Demo document \"{d.Id}\" names an unknown job.");
            var stored = await storage.SaveAsync(context.TenantId.Value.ToString("N"), new MemoryStream(d.Bytes), d.Bytes.Length, ct);
            db.Set<Document>().Add(Document.Create(context.TenantId, d.Id, job, d.Kind, d.Shared, d.Title, d.FileName,
                new StoredContent(stored.StorageKey, d.ContentType, stored.Size, stored.Sha256), context.Now));
        }

        return documents.Length;
    }

    /// <summary>Applies the company through the sync resources, so it passes the same validation and domain rules as back-office data.</summary>
    private async Task SyncAsync(SyncContext context, IReadOnlyList<DemoRecord> records, CancellationToken ct)
    {
        var resources = registry.All.ToDictionary(r => r.DocumentType);
        foreach (var record in records)
        {
            var outcome = await resources[record.Document.GetType()].UpsertAsync(context, record.ExternalId, record.Document, ct);
            if (!outcome.IsSuccess)
            {
                // The demo data is code: a record the rules refuse is a bug to fix in DemoCompany, never something to skip.
                throw new InvalidOperationException($"Demo record \"{record.ExternalId}\" was refused: {outcome.Error!.Message}");
            }
        }
    }
}

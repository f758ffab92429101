using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HeadlessPortal.Api.Tests.Payments.PaymentData;

namespace HeadlessPortal.Api.Tests.Payments;

/// <summary>The invoice email: when the back office sends an invoice, its billing contacts get it with a payment link.</summary>
[Collection(ApiCollection.Payments)]
public sealed class InvoiceEmailTests(ApiHosts hosts)
{
    private const string InvoiceSentEvent = HeadlessPortal.Domain.Billing.Invoice.SentEvent;

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SyncingAnInvoiceWithABalance_EmailsEachBillingContactOnce_WithOneWorkingLink(TestDb engine)
    {
        var factory = hosts[engine];
        var t = await PortalTenant.CreateAsync(factory);
        var billing = new[] { PortalTenant.UniqueEmail("avery"), PortalTenant.UniqueEmail("jordan") };
        var serviceOnly = PortalTenant.UniqueEmail("tenant");
        var revoked = PortalTenant.UniqueEmail("former");
        var otherCustomer = PortalTenant.UniqueEmail("neighbour");
        await t.CustomerAsync("cust-a", "Avery Household");
        await t.CustomerAsync("cust-b", "Birch Rentals");
        await t.ContactAsync("con-1", "cust-a", billing[0]);
        await t.ContactAsync("con-2", "cust-a", billing[1]);
        await t.ContactAsync("con-3", "cust-a", serviceOnly, "serviceOnly");
        await t.ContactAsync("con-4", "cust-a", revoked);
        await t.ContactAsync("con-5", "cust-b", otherCustomer);
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-4/revoke-access", null), HttpStatusCode.OK);

        await SyncAsync(t.Admin, "invoices", "inv-a", Invoice("INV-200", "cust-a", 24_500, 24_500, dueDate: "2026-12-14"));

        var emails = new List<ReceivedEmail>();
        foreach (var to in billing)
        {
            emails.Add(await factory.Mailbox.WaitForAsync(to, e => e.Subject.Contains("INV-200", StringComparison.Ordinal)));
        }

        Assert.All(emails, e => Assert.Equal($"Invoice INV-200 from Admin Test {t.Admin.HostName}", e.Subject));
        Assert.All(emails, e => Assert.StartsWith("Hello,", e.Text, StringComparison.Ordinal));
        Assert.All(emails, e => Assert.Contains("Invoice INV-200 for Avery Household is ready", e.Text, StringComparison.Ordinal));
        Assert.All(emails, e => Assert.Contains("$245.00", e.Text, StringComparison.Ordinal));
        Assert.All(emails, e => Assert.Contains("for 30 days", e.Text, StringComparison.Ordinal));
        Assert.All(emails, e => Assert.Contains($"https://{t.Admin.HostName}.portal.example.com/pay?token=pay_", e.Text, StringComparison.Ordinal));
        var token = PortalTenant.TokenIn(emails[0].Text);
        Assert.Equal(token, PortalTenant.TokenIn(emails[1].Text));
        var view = await AdminSession.ExpectAsync(await t.Portal().GetAsync($"/v1/public/payment-links/{token}"), HttpStatusCode.OK);
        Assert.Equal("INV-200", view["invoice"]!["number"]!.GetValue<string>());

        await Outbox.WaitUntilDeliveredAsync(t.Admin);
        var sentTo = factory.Mailbox.All().Select(e => e.To).ToList();
        Assert.Equal(1, sentTo.Count(to => to == billing[0]));
        Assert.Equal(1, sentTo.Count(to => to == billing[1]));
        Assert.DoesNotContain(serviceOnly, sentTo);
        Assert.DoesNotContain(revoked, sentTo);
        Assert.DoesNotContain(otherCustomer, sentTo);

        var link = Assert.Single((await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/invoices/inv-a/payment-links"), HttpStatusCode.OK))["data"]!.AsArray())!;
        Assert.Equal("system", link["createdBy"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromDays(30), link["expiresAt"]!.GetValue<DateTimeOffset>() - link["createdAt"]!.GetValue<DateTimeOffset>());

        // Updating the invoice is not sending it again.
        await SyncAsync(t.Admin, "invoices", "inv-a", Invoice("INV-200", "cust-a", 24_500, 20_000, dueDate: "2026-12-14"));
        await Outbox.WaitUntilDeliveredAsync(t.Admin);
        Assert.Equal(2, factory.Mailbox.All().Count(e => billing.Contains(e.To)));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TheSameMessageHandledAgain_MakesNoSecondLinkAndSendsNothing(TestDb engine)
    {
        var factory = hosts[engine];
        var t = await PortalTenant.CreateAsync(factory);
        var email = PortalTenant.UniqueEmail("avery");
        await t.CustomerAsync("cust-a", "Avery Household");
        await t.ContactAsync("con-1", "cust-a", email);
        await SyncAsync(t.Admin, "invoices", "inv-a", Invoice("INV-300", "cust-a", 9_900, 9_900));
        await factory.Mailbox.WaitForAsync(email, e => e.Subject.Contains("INV-300", StringComparison.Ordinal));
        await Outbox.WaitUntilDeliveredAsync(t.Admin);

        OutboxMessage sent = null!;
        await InTenantAsync(factory, t.Admin.TenantId, async (db, _, _) => sent = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Type == InvoiceSentEvent));
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<HeadlessPortal.Application.Common.Interfaces.ITenantScope>().Enter(sent.TenantId);
            var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().Single(h => h.Type == InvoiceSentEvent && h.GetType().Name == "InvoiceSentEmailHandler");
            await handler.HandleAsync(new OutboxEnvelope(sent.Id, sent.TenantId.Value, sent.Type, sent.Payload, attempt), CancellationToken.None);
        }

        await InTenantAsync(factory, t.Admin.TenantId, async (db, _, _) =>
        {
            Assert.Equal(1, await db.Set<PaymentLink>().CountAsync());
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Type == EmailMessages.Type));
        });
        await Outbox.WaitUntilDeliveredAsync(t.Admin);
        Assert.Single(factory.Mailbox.All(), e => e.To == email);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task NoEmail_WhenThePortalIsOffInvoicePaymentIsOffTheUnitIsHiddenOrNothingIsDue(TestDb engine)
    {
        var factory = hosts[engine];
        var cases = new List<(PortalTenant Tenant, string Email)>();

        // The portal off: a tenant that never switched it on.
        var off = await PortalTenant.CreateAsync(factory);
        var (settings, etag) = await off.Admin.GetSettingsAsync();
        settings["enabled"] = false;
        await AdminSession.ExpectAsync(await off.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        cases.Add((off, PortalTenant.UniqueEmail("off")));

        var featureOff = await PortalTenant.CreateAsync(factory);
        await SetFeatureAsync(featureOff.Admin, "invoicePayment", false);
        cases.Add((featureOff, PortalTenant.UniqueEmail("feature-off")));

        var hidden = await PortalTenant.CreateAsync(factory);
        await AdminSession.ExpectAsync(await hidden.Admin.Client.PutAsJsonAsync("/v1/admin/business-units/bu-shown", new { name = "Residential" }), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await hidden.Admin.Client.PutAsJsonAsync("/v1/admin/business-units/bu-hidden", new { name = "Commercial" }), HttpStatusCode.Created);
        (settings, etag) = await hidden.Admin.GetSettingsAsync();
        settings["visibleBusinessUnitIds"] = new JsonArray("bu-shown");
        await AdminSession.ExpectAsync(await hidden.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        cases.Add((hidden, PortalTenant.UniqueEmail("hidden")));

        foreach (var (t, email) in cases)
        {
            await t.CustomerAsync("cust-a", "Avery Household");
            await t.ContactAsync("con-1", "cust-a", email);
            await SyncAsync(t.Admin, "invoices", "inv-a", Invoice("INV-400", "cust-a", 9_900, 9_900, businessUnitId: t == hidden ? "bu-hidden" : null));
        }

        // A $0 invoice raises no event; one with a balance in a visible unit is the control: it is sent.
        var control = PortalTenant.UniqueEmail("control");
        await hidden.ContactAsync("con-2", "cust-a", control);
        await SyncAsync(hidden.Admin, "invoices", "inv-zero", Invoice("INV-401", "cust-a", 0, 0, businessUnitId: "bu-shown"));
        await SyncAsync(hidden.Admin, "invoices", "inv-shown", Invoice("INV-402", "cust-a", 9_900, 9_900, businessUnitId: "bu-shown"));
        await factory.Mailbox.WaitForAsync(control, e => e.Subject.Contains("INV-402", StringComparison.Ordinal));
        await Outbox.WaitUntilDeliveredAsync(hidden.Admin);
        Assert.DoesNotContain(factory.Mailbox.All(), e => e.To == control && e.Subject.Contains("INV-401", StringComparison.Ordinal));

        foreach (var (t, email) in cases)
        {
            await Outbox.WaitUntilDeliveredAsync(t.Admin);
            Assert.DoesNotContain(factory.Mailbox.All(), e => e.To == email && e.Subject.Contains("INV-400", StringComparison.Ordinal));
            Assert.Empty((await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/invoices/inv-a/payment-links"), HttpStatusCode.OK))["data"]!.AsArray());
        }
    }
}

using System.Net;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HeadlessPortal.Api.Tests.EstimateLinks.EstimateLinkData;
using static HeadlessPortal.Api.Tests.Payments.PaymentData;

namespace HeadlessPortal.Api.Tests.EstimateLinks;

/// <summary>The estimate email: when the back office sends an estimate, its customer's billing contacts get it with an estimate link.</summary>
[Collection(ApiCollection.Work)]
public sealed class EstimateEmailTests(ApiHosts hosts)
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SyncingAnOpenProposal_EmailsEachBillingContactOnce_WithOneLinkThatOpensIt(TestDb engine)
    {
        var factory = hosts[engine];
        var t = await PortalTenant.CreateAsync(factory);
        var billing = new[] { PortalTenant.UniqueEmail("avery"), PortalTenant.UniqueEmail("jordan") };
        var serviceOnly = PortalTenant.UniqueEmail("tenant");
        var revoked = PortalTenant.UniqueEmail("former");
        var otherCustomer = PortalTenant.UniqueEmail("neighbour");
        await t.CustomerAsync("cust-a", "Avery Household");
        await t.CustomerAsync("cust-b", "Birch Rentals");
        await t.ContactAsync("con-1", "cust-a", billing[0], name: "Avery Stone");
        await t.ContactAsync("con-2", "cust-a", billing[1]);
        await t.ContactAsync("con-3", "cust-a", serviceOnly, "serviceOnly");
        await t.ContactAsync("con-4", "cust-a", revoked);
        await t.ContactAsync("con-5", "cust-b", otherCustomer);
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-4/revoke-access", null), HttpStatusCode.OK);

        await SyncAsync(t.Admin, "proposals", "prop-1", ProposalBody("EST-3310", "cust-a"));

        var emails = new List<ReceivedEmail>();
        foreach (var to in billing)
        {
            emails.Add(await factory.Mailbox.WaitForAsync(to, e => e.Subject.Contains("EST-3310", StringComparison.Ordinal)));
        }

        Assert.All(emails, e => Assert.Equal($"Estimate EST-3310 from Admin Test {t.Admin.HostName}", e.Subject));
        Assert.StartsWith("Hi Avery Stone,", emails[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Hello,", emails[1].Text, StringComparison.Ordinal);
        Assert.All(emails, e => Assert.Contains("Estimate EST-3310 for Avery Household is ready", e.Text, StringComparison.Ordinal));
        Assert.All(emails, e => Assert.Contains("works for 30 days", e.Text, StringComparison.Ordinal));
        Assert.All(emails, e => Assert.Contains($"https://{t.Admin.HostName}.portal.example.com/estimate?token=est_", e.Text, StringComparison.Ordinal));
        Assert.All(emails, e => Assert.Contains($"https://{t.Admin.HostName}.portal.example.com/estimate?token=est_", e.Html, StringComparison.Ordinal));
        var token = PortalTenant.TokenIn(emails[0].Text);
        Assert.Equal(token, PortalTenant.TokenIn(emails[1].Text));
        var view = await AdminSession.ExpectAsync(await t.Portal().GetAsync($"/v1/public/estimate-links/{token}"), HttpStatusCode.OK);
        Assert.Equal("EST-3310", Assert.Single(view["proposals"]!.AsArray())!["number"]!.GetValue<string>());

        await Outbox.WaitUntilDeliveredAsync(t.Admin);
        var sentTo = factory.Mailbox.All().Where(e => e.Subject.Contains("EST-3310", StringComparison.Ordinal)).Select(e => e.To).ToList();
        Assert.Equal(1, sentTo.Count(to => to == billing[0]));
        Assert.Equal(1, sentTo.Count(to => to == billing[1]));
        Assert.DoesNotContain(serviceOnly, sentTo);
        Assert.DoesNotContain(revoked, sentTo);
        Assert.DoesNotContain(otherCustomer, sentTo);

        var link = Assert.Single((await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/customers/cust-a/estimate-links"), HttpStatusCode.OK))["data"]!.AsArray())!;
        Assert.Equal("system", link["createdBy"]!.GetValue<string>());
        Assert.Equal("prop-1", Assert.Single(link["proposals"]!.AsArray())!["externalId"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromDays(30), link["expiresAt"]!.GetValue<DateTimeOffset>() - link["createdAt"]!.GetValue<DateTimeOffset>());

        // Updating the proposal (here to declined) is not sending it again.
        await SyncAsync(t.Admin, "proposals", "prop-1", ProposalBody("EST-3310", "cust-a", status: "declined"));
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
        await SyncAsync(t.Admin, "proposals", "prop-1", ProposalBody("EST-400", "cust-a"));
        await factory.Mailbox.WaitForAsync(email, e => e.Subject.Contains("EST-400", StringComparison.Ordinal));
        await Outbox.WaitUntilDeliveredAsync(t.Admin);

        OutboxMessage sent = null!;
        await InTenantAsync(factory, t.Admin.TenantId, async (db, _, _) => sent = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Type == Proposal.SentEvent));
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<HeadlessPortal.Application.Common.Interfaces.ITenantScope>().Enter(sent.TenantId);
            var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().Single(h => h.Type == Proposal.SentEvent && h.GetType().Name == "EstimateSentEmailHandler");
            await handler.HandleAsync(new OutboxEnvelope(sent.Id, sent.TenantId.Value, sent.Type, sent.Payload, attempt), CancellationToken.None);
        }

        await InTenantAsync(factory, t.Admin.TenantId, async (db, _, _) =>
        {
            Assert.Equal(1, await db.Set<EstimateLink>().CountAsync());
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Type == EmailMessages.Type));
        });
        await Outbox.WaitUntilDeliveredAsync(t.Admin);
        Assert.Single(factory.Mailbox.All(), e => e.To == email);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task NoEmail_WhenThePortalIsOffOrEstimateApprovalIsOff(TestDb engine)
    {
        var factory = hosts[engine];
        var off = await PortalTenant.CreateAsync(factory);
        var (settings, etag) = await off.Admin.GetSettingsAsync();
        settings["enabled"] = false;
        await AdminSession.ExpectAsync(await off.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        var featureOff = await PortalTenant.CreateAsync(factory);
        await SetFeatureAsync(featureOff.Admin, "estimateApproval", false);
        var control = await PortalTenant.CreateAsync(factory);

        var cases = new (PortalTenant Tenant, string Email)[]
        {
            (off, PortalTenant.UniqueEmail("off")), (featureOff, PortalTenant.UniqueEmail("feature-off")), (control, PortalTenant.UniqueEmail("control")),
        };
        foreach (var (t, email) in cases)
        {
            await t.CustomerAsync("cust-a", "Avery Household");
            await t.ContactAsync("con-1", "cust-a", email);
            await SyncAsync(t.Admin, "proposals", "prop-1", ProposalBody("EST-500", "cust-a"));
        }

        await factory.Mailbox.WaitForAsync(cases[2].Email, e => e.Subject.Contains("EST-500", StringComparison.Ordinal));
        foreach (var (t, email) in cases[..2])
        {
            await Outbox.WaitUntilDeliveredAsync(t.Admin);
            Assert.DoesNotContain(factory.Mailbox.All(), e => e.To == email);
            Assert.Empty((await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/customers/cust-a/estimate-links"), HttpStatusCode.OK))["data"]!.AsArray());
        }
    }
}

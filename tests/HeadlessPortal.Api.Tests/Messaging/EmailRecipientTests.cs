using System.Net;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using static HeadlessPortal.Api.Tests.Payments.PaymentData;

namespace HeadlessPortal.Api.Tests.Messaging;

/// <summary>
/// Who the portal's emails speak of and to: the company by its own name (not the portal's display name), and each
/// recipient by the name on their portal contact (not the customer billed, who may be someone else), read from the
/// rendered emails in the pickup directory.
/// </summary>
[Collection(ApiCollection.Work)]
public sealed class EmailRecipientTests(ApiHosts hosts)
{
    private const string PortalName = "Brightside Customer Portal";

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task EveryPortalEmail_NamesTheCompanyByItsName_AndGreetsTheRecipientByTheirOwn(TestDb engine)
    {
        var factory = hosts[engine];
        var t = await PortalTenant.CreateAsync(factory, "password", "magicLink");
        var company = $"Admin Test {t.Admin.HostName}";
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["branding"] = new JsonObject { ["displayName"] = PortalName };
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);

        // Pat looks after the Kowalskis' rental and pays its bills; the Kowalskis' own address has no name on record.
        var pat = PortalTenant.UniqueEmail("pat");
        var unnamed = PortalTenant.UniqueEmail("kowalski");
        await t.CustomerAsync("cust-k", "Mason Kowalski");
        await t.ContactAsync("con-pat", "cust-k", pat, name: "Pat Thompson");
        await t.ContactAsync("con-k", "cust-k", unnamed);

        await t.InviteAndAcceptAsync("con-pat", pat);
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-k/invite", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Accepted, (await t.PostAsync("/v1/portal/auth/magic-link", new { email = pat })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await t.PostAsync("/v1/portal/auth/password-reset", new { email = pat })).StatusCode);
        await SyncAsync(t.Admin, "invoices", "inv-k", Invoice("INV-700", "cust-k", 24_500, 24_500));

        var toPat = new[]
        {
            await factory.Mailbox.WaitForAsync(pat, e => e.Text.Contains("/accept-invitation?token=", StringComparison.Ordinal)),
            await factory.Mailbox.WaitForAsync(pat, e => e.Text.Contains("/magic-link?token=", StringComparison.Ordinal)),
            await factory.Mailbox.WaitForAsync(pat, e => e.Text.Contains("/reset-password?token=", StringComparison.Ordinal)),
            await factory.Mailbox.WaitForAsync(pat, e => e.Subject.Contains("INV-700", StringComparison.Ordinal)),
        };
        var toUnnamed = new[]
        {
            await factory.Mailbox.WaitForAsync(unnamed, e => e.Text.Contains("/accept-invitation?token=", StringComparison.Ordinal)),
            await factory.Mailbox.WaitForAsync(unnamed, e => e.Subject.Contains("INV-700", StringComparison.Ordinal)),
        };

        Assert.All(toPat, e =>
        {
            Assert.StartsWith("Hi Pat Thompson,", e.Text, StringComparison.Ordinal);
            Assert.Contains("Hi Pat Thompson,", e.Html, StringComparison.Ordinal);
        });
        Assert.All(toUnnamed, e => Assert.StartsWith("Hello,", e.Text, StringComparison.Ordinal));
        Assert.All(toPat.Concat(toUnnamed), e =>
        {
            Assert.DoesNotContain("Hi Mason Kowalski", e.Text + e.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(PortalName, e.Subject + e.Text + e.Html + e.From, StringComparison.Ordinal);
            Assert.Contains(company, e.Text, StringComparison.Ordinal);
            Assert.StartsWith($"{company} <", e.From, StringComparison.Ordinal);
        });
        Assert.Equal($"{company} invited you to your customer portal", toPat[0].Subject);
        Assert.Contains("service history of Mason Kowalski", toPat[0].Text, StringComparison.Ordinal);
        Assert.Equal($"Invoice INV-700 from {company}", toPat[3].Subject);
        Assert.Contains($"Thank you for choosing {company}. Invoice INV-700 for Mason Kowalski is ready", toPat[3].Text, StringComparison.Ordinal);
    }
}

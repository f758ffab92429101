using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Admin;

[Collection(ApiCollection.Admin)]
public sealed class EmailTemplateTests(ApiHosts hosts)
{
    private const string Url = "/v1/admin/email-templates";

    private static readonly object Custom = new
    {
        subject = "Welcome to {CompanyName}, {CustomerName}",
        html = "<p>Hello {{CustomerName}}!</p><p><a href=\"{InvitationLink}\">Join</a> within {ExpiresInDays} days.</p>",
        text = "Hello {CustomerName}! Join: {InvitationLink}",
    };

    private ApiFactory Sqlite => hosts[TestDb.Sqlite];

    private static async Task<(JsonObject Template, string ETag)> GetAsync(AdminSession session, string kind)
    {
        var response = await session.Client.GetAsync($"{Url}/{kind}");
        var body = await AdminSession.ExpectAsync(response, HttpStatusCode.OK);
        return (body.AsObject(), response.Headers.ETag!.Tag);
    }

    private static Task<HttpResponseMessage> PutAsync(AdminSession session, string kind, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{kind}") { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return session.Client.SendAsync(request);
    }

    private static async Task<JsonObject> CustomizeInvitationAsync(AdminSession session)
    {
        var (_, etag) = await GetAsync(session, "invitation");
        return (await AdminSession.ExpectAsync(await PutAsync(session, "invitation", Custom, etag), HttpStatusCode.OK)).AsObject();
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task List_ForANewTenant_ReturnsEveryKindWithItsDefaultAndPlaceholders(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);

        var list = (await AdminSession.ExpectAsync(await session.Client.GetAsync(Url), HttpStatusCode.OK))["data"]!.AsArray();

        Assert.Equal(["invitation", "magicLink", "passwordReset", "invoice", "paymentReceipt", "paymentFailed", "estimate", "proposalAccepted", "proposalDecisionNotice", "bookingRequested", "reviewRequest"], list.Select(t => t!["kind"]!.GetValue<string>()));
        Assert.All(list, t =>
        {
            Assert.False(t!["customized"]!.GetValue<bool>());
            Assert.Null(t["updatedAt"]);
            Assert.Contains(t["placeholders"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "CompanyName");
        });
        var invitation = list[0]!;
        Assert.Equal("{CompanyName} invited you to your customer portal", invitation["subject"]!.GetValue<string>());
        Assert.Contains("{InvitationLink}", invitation["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("{CustomerPortalLink}", list[3]!["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["CustomerName", "InvitationLink", "ExpiresInDays"], invitation["placeholders"]!.AsArray().Take(3).Select(p => p!["name"]!.GetValue<string>()));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Put_WhenETagCurrent_SavesTheTemplate_AuditsIt_AndGetAndListShowIt(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        var (before, etag) = await GetAsync(session, "invitation");

        var response = await PutAsync(session, "invitation", Custom, etag);

        var saved = await AdminSession.ExpectAsync(response, HttpStatusCode.OK);
        Assert.True(saved["customized"]!.GetValue<bool>());
        Assert.NotNull(saved["updatedAt"]);
        Assert.Equal("Welcome to {CompanyName}, {CustomerName}", saved["subject"]!.GetValue<string>());
        Assert.NotEqual(etag, response.Headers.ETag!.Tag);
        Assert.False(before["customized"]!.GetValue<bool>());

        var (reread, rereadETag) = await GetAsync(session, "invitation");
        Assert.Equal(saved["html"]!.GetValue<string>(), reread["html"]!.GetValue<string>());
        Assert.Equal(response.Headers.ETag!.Tag, rereadETag);
        var list = (await AdminSession.ExpectAsync(await session.Client.GetAsync(Url), HttpStatusCode.OK))["data"]!.AsArray();
        Assert.Equal([true, false, false, false, false, false, false, false, false, false, false], list.Select(t => t!["customized"]!.GetValue<bool>()));

        var audit = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/audit-events?action=email_template.updated"), HttpStatusCode.OK);
        var evt = Assert.Single(audit["data"]!.AsArray());
        Assert.Equal("email-template:invitation", evt!["target"]!.GetValue<string>());
        Assert.Equal(session.ClientId, evt["actor"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Delete_BringsTheDefaultBack_AndIsQuietWhenThereIsNothingToRemove(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        await CustomizeInvitationAsync(session);

        Assert.Equal(HttpStatusCode.NoContent, (await session.Client.DeleteAsync($"{Url}/invitation")).StatusCode);

        var (template, _) = await GetAsync(session, "invitation");
        Assert.False(template["customized"]!.GetValue<bool>());
        Assert.Equal("{CompanyName} invited you to your customer portal", template["subject"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await session.Client.DeleteAsync($"{Url}/invitation")).StatusCode);
        var audit = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/audit-events?action=email_template.reset"), HttpStatusCode.OK);
        Assert.Single(audit["data"]!.AsArray());
    }

    [Fact]
    public async Task Put_AfterAResetAndANewSave_RefusesTheETagOfTheFirstSave()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (_, etag) = await GetAsync(session, "invitation");
        var first = await PutAsync(session, "invitation", Custom, etag);
        var firstETag = first.Headers.ETag!.Tag;
        await session.Client.DeleteAsync($"{Url}/invitation");
        var (_, defaultETag) = await GetAsync(session, "invitation");
        await AdminSession.ExpectAsync(await PutAsync(session, "invitation", new { subject = "Other", html = "{InvitationLink}", text = "{InvitationLink}" }, defaultETag), HttpStatusCode.OK);

        await (await PutAsync(session, "invitation", Custom, firstETag)).AssertProblemAsync(412, "precondition_failed");
    }

    [Fact]
    public async Task Put_WhenETagStaleOrMissing_Answers412Or428AndChangesNothing()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (_, etag) = await GetAsync(session, "magicLink");
        var change = new { subject = "Sign in", html = "<a href=\"{MagicLink}\">Sign in</a>", text = "{MagicLink}" };
        await AdminSession.ExpectAsync(await PutAsync(session, "magicLink", change, etag), HttpStatusCode.OK);

        await (await PutAsync(session, "magicLink", change with { subject = "Stale" }, etag)).AssertProblemAsync(412, "precondition_failed");
        await (await PutAsync(session, "magicLink", change with { subject = "No tag" }, null)).AssertProblemAsync(428, "precondition_required");
        var (current, currentETag) = await GetAsync(session, "magicLink");
        Assert.Equal("Sign in", current["subject"]!.GetValue<string>());

        var deleteStale = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/magicLink");
        deleteStale.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await session.Client.SendAsync(deleteStale)).AssertProblemAsync(412, "precondition_failed");
        var deleteCurrent = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/magicLink");
        deleteCurrent.Headers.TryAddWithoutValidation("If-Match", currentETag);
        Assert.Equal(HttpStatusCode.NoContent, (await session.Client.SendAsync(deleteCurrent)).StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Put_WhenAPlaceholderIsUnknown_Answers422InvalidTemplateNamingItPerField(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        var (_, etag) = await GetAsync(session, "passwordReset");

        var problem = await (await PutAsync(session, "passwordReset", new
        {
            subject = "Reset for {CustomerName}",
            html = "<a href=\"{ResetLink}\">Reset</a> {{InvoiceNumber}}",
            text = "{ResetLink}",
        }, etag)).AssertProblemAsync(422, "invalid_template");

        var subject = Assert.Single(problem.FieldErrors("subject"));
        Assert.Contains("Unknown placeholder {CustomerName}", subject, StringComparison.Ordinal);
        Assert.Contains("{ResetLink}, {ExpiresInMinutes}, {CompanyName}, {PortalName}, {RecipientName}, {PortalUrl}, {RecipientEmail}, {LogoUrl}, {PrimaryColor}", subject, StringComparison.Ordinal);
        Assert.Contains("Unknown placeholder {{InvoiceNumber}}", Assert.Single(problem.FieldErrors("html")), StringComparison.Ordinal);
        Assert.Empty(problem.FieldErrors("text"));
        var (unchanged, _) = await GetAsync(session, "passwordReset");
        Assert.False(unchanged["customized"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("<p>{{#if CustomerName}}Hi</p> {InvitationLink}", "html", "never closed with {{/if}}")]
    [InlineData("<p>{{> footer}}</p> {InvitationLink}", "html", "is not a placeholder")]
    [InlineData("<p>Hi {{CustomerName</p>", "html", "never closed with }}")]
    [InlineData("<p>Call us to join.</p>", "html", "must include {InvitationLink}")]
    public async Task Put_WhenTheTemplateCannotBeUsed_Answers422OnTheField(string html, string field, string message)
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (_, etag) = await GetAsync(session, "invitation");

        var problem = await (await PutAsync(session, "invitation", new { subject = "Hi", html, text = "{InvitationLink}" }, etag)).AssertProblemAsync(422, "invalid_template");

        Assert.Contains(problem.FieldErrors(field), e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_WhenFieldsMissingOrTooLong_Answers400NamingEachOne()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (_, etag) = await GetAsync(session, "invoice");

        var problem = await (await PutAsync(session, "invoice", new { subject = new string('s', 201), text = "" }, etag)).AssertProblemAsync(400, "validation_failed");

        Assert.NotEmpty(problem.FieldErrors("subject"));
        Assert.NotEmpty(problem.FieldErrors("html"));
        Assert.NotEmpty(problem.FieldErrors("text"));
    }

    [Fact]
    public async Task UnknownKind_Answers404OnEveryOperation()
    {
        var session = await AdminSession.StartAsync(Sqlite);

        await (await session.Client.GetAsync($"{Url}/welcome")).AssertProblemAsync(404, "not_found");
        await (await session.Client.GetAsync($"{Url}/1")).AssertProblemAsync(404, "not_found");
        await (await PutAsync(session, "welcome", Custom, "\"x\"")).AssertProblemAsync(404, "not_found");
        await (await session.Client.DeleteAsync($"{Url}/welcome")).AssertProblemAsync(404, "not_found");
        var problem = await (await session.Client.PostAsync($"{Url}/welcome/preview", null)).AssertProblemAsync(404, "not_found");
        Assert.Contains("invitation, magicLink, passwordReset, invoice, paymentReceipt, paymentFailed, estimate", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyClient_CanReadAndPreviewButNotChange()
    {
        var session = await AdminSession.StartAsync(Sqlite, scope: "settings:read");

        var (_, etag) = await GetAsync(session, "invitation");
        await AdminSession.ExpectAsync(await session.Client.PostAsync($"{Url}/invitation/preview", null), HttpStatusCode.OK);
        await (await PutAsync(session, "invitation", Custom, etag)).AssertProblemAsync(403, "insufficient_scope");
        await (await session.Client.DeleteAsync($"{Url}/invitation")).AssertProblemAsync(403, "insufficient_scope");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Preview_WithoutBody_RendersTheTemplateInUseWithSampleValuesAndTheBranding(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        var (settings, etag) = await session.GetSettingsAsync();
        settings["branding"] = new JsonObject { ["displayName"] = "Acme Heating & Air", ["logoUrl"] = "https://cdn.acme.example/logo.png", ["primaryColor"] = "#0b5fff" };
        await AdminSession.ExpectAsync(await session.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        var portalUrl = settings["portalUrl"]!.GetValue<string>();

        var preview = await AdminSession.ExpectAsync(await session.Client.PostAsync($"{Url}/invitation/preview", null), HttpStatusCode.OK);

        // The portal's display name is the portal's; the company is named by its own name.
        var company = $"Admin Test {session.HostName}";
        Assert.Equal("invitation", preview["kind"]!.GetValue<string>());
        Assert.Equal(company, preview["fromName"]!.GetValue<string>());
        Assert.Equal($"{company} invited you to your customer portal", preview["subject"]!.GetValue<string>());
        var link = preview["sampleValues"]!["InvitationLink"]!.GetValue<string>();
        Assert.StartsWith(portalUrl + "/", link, StringComparison.Ordinal);
        var html = preview["html"]!.GetValue<string>();
        Assert.Contains($"<img src=\"https://cdn.acme.example/logo.png\" alt=\"{company}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme Heating", html, StringComparison.Ordinal);
        Assert.Contains("background-color:#0B5FFF;", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", html, StringComparison.Ordinal);
        Assert.Contains("Hi Jordan Smith,", html, StringComparison.Ordinal);
        Assert.Contains(link, preview["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_WithoutBranding_ShowsTheCompanyNameAndANeutralColor()
    {
        var session = await AdminSession.StartAsync(Sqlite);

        var preview = await AdminSession.ExpectAsync(await session.Client.PostAsJsonAsync($"{Url}/invoice/preview", new { }), HttpStatusCode.OK);

        var html = preview["html"]!.GetValue<string>();
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains($">Admin Test {session.HostName}</span>", html, StringComparison.Ordinal);
        Assert.Contains("background-color:#334155;", html, StringComparison.Ordinal);
        Assert.Equal($"Invoice INV-1042 from Admin Test {session.HostName}", preview["subject"]!.GetValue<string>());
        Assert.Contains("$245.00", preview["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_WithADraft_RendersItWithoutSaving_AndKeepsTheOtherFields()
    {
        var session = await AdminSession.StartAsync(Sqlite);

        var preview = await AdminSession.ExpectAsync(
            await session.Client.PostAsJsonAsync($"{Url}/invitation/preview", new { html = "<p>Draft for {CustomerName} &amp; family</p><a href=\"{InvitationLink}\">Go</a>" }),
            HttpStatusCode.OK);

        Assert.Contains("<p>Draft for Smith Family Trust &amp; family</p>", preview["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("invited you to your customer portal", preview["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        var (template, _) = await GetAsync(session, "invitation");
        Assert.False(template["customized"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Preview_WithAnInvalidDraft_Answers422()
    {
        var session = await AdminSession.StartAsync(Sqlite);

        var problem = await (await session.Client.PostAsJsonAsync($"{Url}/magicLink/preview", new { text = "{MagicLink} {Balance}" }))
            .AssertProblemAsync(422, "invalid_template");

        Assert.Contains("Unknown placeholder {Balance}", Assert.Single(problem.FieldErrors("text")), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Templates_AreTenantOwned_AnotherTenantNeverSeesOrChangesThem(TestDb engine)
    {
        var tenantA = await AdminSession.StartAsync(hosts[engine]);
        var tenantB = await AdminSession.StartAsync(hosts[engine]);
        await CustomizeInvitationAsync(tenantA);

        var (seenByB, etagB) = await GetAsync(tenantB, "invitation");
        Assert.False(seenByB["customized"]!.GetValue<bool>());
        var listB = (await AdminSession.ExpectAsync(await tenantB.Client.GetAsync(Url), HttpStatusCode.OK))["data"]!.AsArray();
        Assert.All(listB, t => Assert.False(t!["customized"]!.GetValue<bool>()));
        var previewB = await AdminSession.ExpectAsync(await tenantB.Client.PostAsync($"{Url}/invitation/preview", null), HttpStatusCode.OK);
        Assert.DoesNotContain("Welcome to", previewB["subject"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await tenantB.Client.DeleteAsync($"{Url}/invitation")).StatusCode);
        await AdminSession.ExpectAsync(await PutAsync(tenantB, "invitation", new { subject = "B's own", html = "{InvitationLink}", text = "{InvitationLink}" }, etagB), HttpStatusCode.OK);

        var (stillA, _) = await GetAsync(tenantA, "invitation");
        Assert.True(stillA["customized"]!.GetValue<bool>());
        Assert.Equal("Welcome to {CompanyName}, {CustomerName}", stillA["subject"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Composer_InTheTenantsScope_RendersItsSavedTemplateThenTheDefaultAfterReset(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        await CustomizeInvitationAsync(session);
        var values = new Dictionary<string, string>
        {
            ["CustomerName"] = "Pat <Lee>",
            ["InvitationLink"] = "https://example.com/accept?token=t1&x=2",
            ["ExpiresInDays"] = "7",
        };

        var custom = await ComposeAsync(hosts[engine], session.TenantId, values);

        Assert.Equal($"Welcome to Admin Test {session.HostName}, Pat <Lee>", custom.Subject);
        Assert.Equal($"Admin Test {session.HostName}", custom.FromName);
        Assert.Equal("invitation", custom.Kind);
        Assert.Equal("pat@example.com", custom.To);
        Assert.Contains("<p>Hello Pat &lt;Lee&gt;!</p>", custom.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/accept?token=t1&amp;x=2\"", custom.Html, StringComparison.Ordinal);
        Assert.Equal("Hello Pat <Lee>! Join: https://example.com/accept?token=t1&x=2", custom.Text);

        await session.Client.DeleteAsync($"{Url}/invitation");
        var reset = await ComposeAsync(hosts[engine], session.TenantId, values);
        Assert.Equal($"Admin Test {session.HostName} invited you to your customer portal", reset.Subject);
    }

    private static async Task<OutgoingEmail> ComposeAsync(ApiFactory factory, Guid tenantId, IReadOnlyDictionary<string, string> values)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Enter(new TenantId(tenantId));
        return await scope.ServiceProvider.GetRequiredService<IEmailComposer>().ComposeAsync(EmailTemplateKind.Invitation, "pat@example.com", values, CancellationToken.None);
    }
}

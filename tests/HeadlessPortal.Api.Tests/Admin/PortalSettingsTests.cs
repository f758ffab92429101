using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Admin;

[Collection(ApiCollection.Admin)]
public sealed class PortalSettingsTests(ApiHosts hosts)
{
    private ApiFactory Sqlite => hosts[TestDb.Sqlite];

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task GetSettings_ForANewTenant_ReturnsDefaultsWithETagAndFallbackBranding(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);

        var (settings, etag) = await session.GetSettingsAsync();

        Assert.False(settings["enabled"]!.GetValue<bool>());
        Assert.False(settings["legalAgreement"]!["accepted"]!.GetValue<bool>());
        Assert.False(settings["features"]!["showCanceledJobs"]!.GetValue<bool>());
        Assert.Equal("arrivalWindow", settings["appointmentTimeDisplay"]!.GetValue<string>());
        Assert.Equal(session.HostName, settings["hostName"]!.GetValue<string>());
        Assert.Null(settings["branding"]!["displayName"]);
        Assert.Equal("Admin Test " + session.HostName, settings["effectiveBranding"]!["displayName"]!.GetValue<string>());
        Assert.False(settings["onlinePayments"]!["accountConnected"]!.GetValue<bool>());
        Assert.Equal($"\"{settings["version"]}\"", etag);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PutSettings_WhenETagCurrent_SavesAndBumpsTheVersion(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        var (settings, etag) = await session.GetSettingsAsync();
        settings["features"]!["showCanceledJobs"] = true;
        settings["branding"] = new JsonObject { ["displayName"] = "Acme Portal", ["logoUrl"] = "https://cdn.acme.example/logo.png", ["primaryColor"] = "#112233" };
        settings["appointmentTimeDisplay"] = "dateOnly";

        var response = await session.PutSettingsAsync(settings, etag);

        var saved = await AdminSession.ExpectAsync(response, HttpStatusCode.OK);
        Assert.True(saved["features"]!["showCanceledJobs"]!.GetValue<bool>());
        Assert.Equal("Acme Portal", saved["effectiveBranding"]!["displayName"]!.GetValue<string>());
        Assert.Equal("dateOnly", saved["appointmentTimeDisplay"]!.GetValue<string>());
        Assert.NotEqual(etag, response.Headers.ETag!.Tag);
        var (reread, _) = await session.GetSettingsAsync();
        Assert.Equal("#112233", reread["branding"]!["primaryColor"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutSettings_WhenETagStale_Answers412AndChangesNothing()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (settings, etag) = await session.GetSettingsAsync();
        settings["features"]!["jobBooking"] = false;
        await AdminSession.ExpectAsync(await session.PutSettingsAsync(settings, etag), HttpStatusCode.OK);

        settings["features"]!["reviewCollection"] = true;
        var stale = await session.PutSettingsAsync(settings, etag);

        await stale.AssertProblemAsync(412, "precondition_failed");
        var (current, _) = await session.GetSettingsAsync();
        Assert.False(current["features"]!["reviewCollection"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PutSettings_WhenIfMatchMissing_Answers428()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (settings, _) = await session.GetSettingsAsync();
        await (await session.PutSettingsAsync(settings, null)).AssertProblemAsync(428, "precondition_required");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Enable_BeforeLegalAgreement_Is409ThenWorksAfterAcceptance(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        var (settings, etag) = await session.GetSettingsAsync();
        settings["enabled"] = true;

        await (await session.PutSettingsAsync(settings, etag)).AssertProblemAsync(409, "legal_agreement_required");

        var accepted = await session.Client.PostAsync("/v1/admin/portal-settings/legal-agreement/acceptance", null);
        var acceptedBody = await AdminSession.ExpectAsync(accepted, HttpStatusCode.OK);
        Assert.True(acceptedBody["legalAgreement"]!["accepted"]!.GetValue<bool>());
        Assert.Equal(session.ClientId, acceptedBody["legalAgreement"]!["acceptedBy"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(acceptedBody["legalAgreement"]!["version"]!.GetValue<string>()));

        var enabled = await session.PutSettingsAsync(settings, accepted.Headers.ETag!.Tag);
        Assert.True((await AdminSession.ExpectAsync(enabled, HttpStatusCode.OK))["enabled"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("http://cdn.acme.example/logo.png", "logoUrl")]
    [InlineData("https://localhost/logo.png", "logoUrl")]
    [InlineData("https://192.168.1.20/logo.png", "logoUrl")]
    [InlineData("https://10.0.0.5/logo.png", "logoUrl")]
    [InlineData("https://[::1]/logo.png", "logoUrl")]
    public async Task PutSettings_WhenLogoUrlNotPublicHttps_Answers400OnTheField(string logoUrl, string field)
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (settings, etag) = await session.GetSettingsAsync();
        settings["branding"]!["logoUrl"] = logoUrl;

        var problem = await (await session.PutSettingsAsync(settings, etag)).AssertProblemAsync(400, "validation_failed");

        Assert.NotEmpty(problem.FieldErrors("branding." + field));
    }

    [Fact]
    public async Task PutSettings_WhenBrandingFieldsInvalid_ReportsEachOne()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (settings, etag) = await session.GetSettingsAsync();
        settings["branding"] = new JsonObject { ["displayName"] = new string('x', 81), ["logoUrl"] = null, ["primaryColor"] = "blue" };

        var problem = await (await session.PutSettingsAsync(settings, etag)).AssertProblemAsync(400, "validation_failed");

        Assert.NotEmpty(problem.FieldErrors("branding.displayName"));
        Assert.NotEmpty(problem.FieldErrors("branding.primaryColor"));
    }

    [Fact]
    public async Task PutSettings_WhenRequiredFieldsMissing_Answers400NamingEachField()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (_, etag) = await session.GetSettingsAsync();
        var partial = new JsonObject { ["enabled"] = false, ["features"] = new JsonObject { ["invoicePayment"] = true } };

        var problem = await (await session.PutSettingsAsync(partial, etag)).AssertProblemAsync(400, "validation_failed");

        foreach (var field in new[] { "appointmentTimeDisplay", "visibleAgreementStatuses", "visibleBusinessUnitIds", "signInMethods", "branding", "smsNotifications", "onlinePayments", "features.partialPayments", "features.showCanceledJobs" })
        {
            Assert.True(problem.FieldErrors(field).Length > 0, $"no error for {field}: {problem.ToJsonString()}");
        }
    }

    [Fact]
    public async Task PutSettings_WhenEnumValueUnknown_Answers400NamingTheField()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (settings, etag) = await session.GetSettingsAsync();
        settings["appointmentTimeDisplay"] = "hourly";

        var problem = await (await session.PutSettingsAsync(settings, etag)).AssertProblemAsync(400, "validation_failed");

        Assert.NotEmpty(problem.FieldErrors("appointmentTimeDisplay"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PutSettings_WhenBusinessUnitsUnknown_Answers422NamingThem_AndAcceptsKnownOnes(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        await AdminSession.ExpectAsync(await session.Client.PutAsJsonAsync("/v1/admin/business-units/bu-res", new { name = "Residential" }), HttpStatusCode.Created);
        var (settings, etag) = await session.GetSettingsAsync();

        settings["visibleBusinessUnitIds"] = new JsonArray("bu-res", "bu-ghost");
        var problem = await (await session.PutSettingsAsync(settings, etag)).AssertProblemAsync(422, "unknown_business_units");
        Assert.Contains("bu-ghost", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        settings["visibleBusinessUnitIds"] = new JsonArray("bu-res");
        var saved = await AdminSession.ExpectAsync(await session.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        Assert.Equal(["bu-res"], saved["visibleBusinessUnitIds"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task PutSettings_WhenSmsOnWithoutSenderNumber_SavesWithAWarningThatAddingANumberClears()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (settings, etag) = await session.GetSettingsAsync();
        settings["smsNotifications"]!["technicianEnRoute"] = true;

        var saved = await AdminSession.ExpectAsync(await session.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        Assert.Contains(saved["warnings"]!.AsArray(), w => w!["code"]!.GetValue<string>() == "sms_sender_missing");

        await AdminSession.ExpectAsync(await session.Client.PostAsJsonAsync("/v1/admin/phone-numbers", new { number = "+15555550142", label = "Dispatch" }), HttpStatusCode.Created);
        var (after, _) = await session.GetSettingsAsync();
        Assert.Empty(after["warnings"]!.AsArray());
    }

    [Fact]
    public async Task PutSettings_WhenOnlinePaymentsEnabledWithoutAccount_Is409()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var (settings, etag) = await session.GetSettingsAsync();
        settings["onlinePayments"]!["enabled"] = true;
        await (await session.PutSettingsAsync(settings, etag)).AssertProblemAsync(409, "payment_account_required");
    }

    [Fact]
    public async Task AdminApi_WhenScopeMissing_Answers403InsufficientScope()
    {
        var session = await AdminSession.StartAsync(Sqlite, scope: "settings:read");
        var (settings, etag) = await session.GetSettingsAsync();

        var response = await session.PutSettingsAsync(settings, etag);

        await response.AssertProblemAsync(403, "insufficient_scope");
        Assert.Contains("settings:write", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AdminApi_WhenAnOfficeClientChangesSettings_Answers403InsufficientScope_ButItReadsThem(TestDb engine)
    {
        var office = await AdminSession.StartAsync(hosts[engine], role: "office");

        var (settings, etag) = await office.GetSettingsAsync();
        Assert.Equal(HttpStatusCode.OK, (await office.Client.GetAsync("/v1/admin/publishable-keys")).StatusCode);

        await (await office.PutSettingsAsync(settings, etag)).AssertProblemAsync(403, "insufficient_scope");
        await (await office.Client.PostAsync("/v1/admin/portal-settings/legal-agreement/acceptance", null)).AssertProblemAsync(403, "insufficient_scope");
        await (await office.Client.PutAsJsonAsync("/v1/admin/portal-settings/host-name", new { hostName = Http.UniqueHostName("office") })).AssertProblemAsync(403, "insufficient_scope");
        await (await office.Client.PostAsJsonAsync("/v1/admin/publishable-keys", new { name = "Office site", allowedOrigins = new[] { "https://office.example" } }))
            .AssertProblemAsync(403, "insufficient_scope");
        await (await office.Client.PostAsJsonAsync("/v1/admin/phone-numbers", new { number = "+15555550100", label = "Office" })).AssertProblemAsync(403, "insufficient_scope");

        // Nor can an office client ask for the scope.
        var asked = await hosts[engine].CreateClient().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = office.ClientId, ["client_secret"] = office.ClientSecret, ["scope"] = "settings:write",
        }));
        Assert.Equal("invalid_scope", (await AdminSession.ExpectAsync(asked, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());

        // The settings are unchanged.
        Assert.Equal(etag, (await office.GetSettingsAsync()).ETag);
    }

    [Fact]
    public async Task AdminApi_WhenNoToken_Answers401()
    {
        var response = await Sqlite.CreateClient().GetAsync("/v1/admin/portal-settings");
        await response.AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task AdminApi_WhenPlatformKeyUsedInsteadOfToken_Answers401()
    {
        var response = await Sqlite.CreatePlatformClient().GetAsync("/v1/admin/portal-settings");
        await response.AssertProblemAsync(401, "unauthenticated");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ChangeHostName_ThroughAdminApi_MovesThePortalAndValidates(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        var newName = Http.UniqueHostName("moved");

        var moved = await session.Client.PutAsJsonAsync("/v1/admin/portal-settings/host-name", new { hostName = newName });
        Assert.Equal(newName, (await AdminSession.ExpectAsync(moved, HttpStatusCode.OK))["hostName"]!.GetValue<string>());

        var invalid = await session.Client.PutAsJsonAsync("/v1/admin/portal-settings/host-name", new { hostName = "Bad-Name" });
        Assert.NotEmpty((await invalid.AssertProblemAsync(400, "validation_failed")).FieldErrors("hostName"));

        var other = await AdminSession.StartAsync(hosts[engine]);
        var taken = await other.Client.PutAsJsonAsync("/v1/admin/portal-settings/host-name", new { hostName = newName });
        await taken.AssertProblemAsync(409, "host_name_taken");
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>A fresh tenant with its portal on, a publishable key, and helpers to sync customers and talk to the portal API.</summary>
internal sealed partial class PortalTenant(ApiFactory factory, AdminSession admin, string key)
{
    public ApiFactory Factory { get; } = factory;

    public AdminSession Admin { get; } = admin;

    public string Key { get; } = key;

    public static async Task<PortalTenant> CreateAsync(ApiFactory factory, params string[] signInMethods)
    {
        var admin = await AdminSession.StartAsync(factory);
        var key = (await AdminSession.ExpectAsync(
            await admin.Client.PostAsJsonAsync("/v1/admin/publishable-keys", new { name = "Front end", allowedOrigins = Array.Empty<string>() }), HttpStatusCode.Created))["key"]!.GetValue<string>();
        await AdminSession.ExpectAsync(await admin.Client.PostAsync("/v1/admin/portal-settings/legal-agreement/acceptance", null), HttpStatusCode.OK);
        var (settings, etag) = await admin.GetSettingsAsync();
        settings["enabled"] = true;
        settings["signInMethods"] = new JsonArray((signInMethods.Length > 0 ? signInMethods : ["password", "magicLink", "phoneLastFour"]).Select(m => (JsonNode)m!).ToArray());
        await AdminSession.ExpectAsync(await admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        return new PortalTenant(factory, admin, key);
    }

    public static string UniqueEmail(string name = "user") => $"{name}-{Guid.NewGuid():N}@example.com";

    public async Task CustomerAsync(string id, string name, string phone = "+15555550123") =>
        await AdminSession.ExpectAsync(
            await Admin.Client.PutAsJsonAsync($"/v1/admin/customers/{id}", new { kind = "residential", name, emails = Array.Empty<string>(), phones = new[] { new { number = phone, label = "mobile", smsOptOut = false } } }),
            HttpStatusCode.Created);

    public async Task ContactAsync(string id, string customerId, string email, string accessLevel = "billing", string? name = null) =>
        await AdminSession.ExpectAsync(
            await Admin.Client.PutAsJsonAsync($"/v1/admin/contacts/{id}", new { customerId, email, name, memo = "internal memo", accessLevel }),
            HttpStatusCode.Created);

    /// <summary>A client of the portal API with this tenant's key and, optionally, a portal access token.</summary>
    public HttpClient Portal(string? accessToken = null)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Portal-Key", Key);
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body, string? accessToken = null) => Portal(accessToken).PostAsJsonAsync(path, body);

    /// <summary>Waits for an email to <paramref name="to"/> with a link to <paramref name="linkPath"/> (such as /magic-link) and answers its token.</summary>
    /// <param name="to">Recipient.</param>
    /// <param name="linkPath">The front-end page the link opens.</param>
    /// <param name="skip">Tokens already seen, so a second email of the same kind is awaited.</param>
    public async Task<string> TokenFromEmailAsync(string to, string linkPath, params string[] skip)
    {
        var email = await Factory.Mailbox.WaitForAsync(to, e => e.Text.Contains(linkPath + "?token=", StringComparison.Ordinal) && !skip.Contains(TokenIn(e.Text)));
        return TokenIn(email.Text);
    }

    public static string TokenIn(string text)
    {
        var match = TokenPattern().Match(text);
        Assert.True(match.Success, "no token= link in: " + text);
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    /// <summary>Invites a contact, accepts with a password, and answers the token pair.</summary>
    public async Task<JsonNode> InviteAndAcceptAsync(string contactId, string email, string password = "correct horse battery staple")
    {
        await AdminSession.ExpectAsync(await Admin.Client.PostAsync($"/v1/admin/contacts/{contactId}/invite", null), HttpStatusCode.OK);
        var token = await TokenFromEmailAsync(email, "/accept-invitation");
        return await AdminSession.ExpectAsync(await PostAsync("/v1/portal/auth/invitations/accept", new { token, password }), HttpStatusCode.OK);
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex TokenPattern();
}

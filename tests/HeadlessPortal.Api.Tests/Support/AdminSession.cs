using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>A fresh tenant with an admin API client, and an HttpClient carrying its access token.</summary>
internal sealed record AdminSession(Guid TenantId, string HostName, string ClientId, string ClientSecret, HttpClient Client)
{
    public static async Task<AdminSession> StartAsync(ApiFactory factory, string role = "admin", string? scope = null)
    {
        var platform = factory.CreatePlatformClient();
        var hostName = Http.UniqueHostName("adm");
        var tenant = await ExpectAsync(await platform.PostJsonAsync("/v1/platform/tenants", new { name = "Admin Test " + hostName, hostName }), HttpStatusCode.Created);
        var tenantId = tenant["id"]!.GetValue<Guid>();
        var credentials = await ExpectAsync(
            await platform.PostJsonAsync($"/v1/platform/tenants/{tenantId}/api-clients", new { name = "Test admin", role }),
            HttpStatusCode.Created);
        var clientId = credentials["clientId"]!.GetValue<string>();
        var secret = credentials["clientSecret"]!.GetValue<string>();

        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(factory, clientId, secret, scope));
        return new AdminSession(tenantId, hostName, clientId, secret, client);
    }

    public static async Task<string> TokenAsync(ApiFactory factory, string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        var response = await factory.CreateClient().PostAsync("/oauth/token", new FormUrlEncodedContent(form));
        return (await ExpectAsync(response, HttpStatusCode.OK))["access_token"]!.GetValue<string>();
    }

    public static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<(JsonObject Settings, string ETag)> GetSettingsAsync()
    {
        var response = await Client.GetAsync("/v1/admin/portal-settings");
        var body = await ExpectAsync(response, HttpStatusCode.OK);
        return (body.AsObject(), response.Headers.ETag!.Tag);
    }

    public async Task<HttpResponseMessage> PutSettingsAsync(JsonObject settings, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/v1/admin/portal-settings") { Content = JsonContent.Create(settings) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await Client.SendAsync(request);
    }
}

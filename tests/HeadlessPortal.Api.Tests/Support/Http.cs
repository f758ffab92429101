using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeadlessPortal.Api.Tests.Support;

internal static class Http
{
    public static string UniqueHostName(string prefix = "acme") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    /// <summary>Asserts an RFC 9457 problem response with the given status and code, and returns its body.</summary>
    public static async Task<JsonNode> AssertProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!;
        Assert.Equal(status, body["status"]!.GetValue<int>());
        Assert.Equal(code, body["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(body["detail"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(body["type"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(body["traceId"]?.GetValue<string>()));
        return body;
    }

    public static string[] FieldErrors(this JsonNode problem, string field) =>
        problem["errors"]?[field]?.AsArray().Select(e => e!.GetValue<string>()).ToArray() ?? [];

    public static readonly JsonSerializerOptions Web = JsonSerializerOptions.Web;
}

using System.Net;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Documents;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.OpenApi;

/// <summary>What Swagger UI and generated clients show for errors and files.</summary>
[Collection(ApiCollection.Admin)]
public sealed class ContractExamplesTests(ApiHosts hosts)
{
    private static readonly HashSet<string> KnownCodes =
    [
        .. typeof(ProblemCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!),
        .. Enumerable.Range(400, 200).Select(ProblemCodes.ForStatus),
        "insufficient_scope",
    ];

    [Fact]
    public async Task ProblemResponses_WhenDocumented_ShowAnExampleOfTheirOwnStatusAndCode()
    {
        var examples = new Dictionary<string, HashSet<string>>();
        foreach (var (path, method, status, response) in Responses(await DocumentAsync()))
        {
            if (response["content"]?["application/problem+json"] is not { } problem)
            {
                continue;
            }

            var example = problem["example"];
            Assert.True(example is not null, $"{method} {path} {status}: no example");
            Assert.Equal(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), example!["status"]!.GetValue<int>());
            var code = example["code"]!.GetValue<string>();
            Assert.Contains(code, KnownCodes);
            examples.TryAdd(status, []);
            examples[status].Add(code);
            if (code == ProblemCodes.ValidationFailed)
            {
                Assert.NotEmpty(example["errors"]!.AsObject());
            }
        }

        Assert.Contains(ProblemCodes.ValidationFailed, examples["400"]);
        Assert.Equal([ProblemCodes.Unauthenticated], examples["401"]);
        Assert.Contains("insufficient_scope", examples["403"]);
        Assert.Equal([ProblemCodes.NotFound], examples["404"]);
        Assert.Equal([ProblemCodes.TooManyRequests], examples["429"]);
        Assert.Equal([ProblemCodes.PaymentProviderError], examples["502"]);
    }

    [Fact]
    public async Task TooManyRequests_WhenDocumented_DeclaresRetryAfter()
    {
        var throttled = Responses(await DocumentAsync()).Where(r => r.Status == "429").ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, r => Assert.True(r.Response["headers"]?["Retry-After"] is not null, $"{r.Method} {r.Path}: 429 without Retry-After"));
    }

    [Theory]
    [InlineData("/v1/portal/documents/{id}/content")]
    [InlineData("/v1/admin/documents/{externalId}/content")]
    public async Task DocumentDownloads_DeclareEachFileTypeAsBinary(string path)
    {
        var content = (await DocumentAsync())["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!.AsObject();

        Assert.Equal(DocumentContentTypes.Allowed.Order(), content.Select(c => c.Key).Order());
        Assert.All(content, c => Assert.Equal("binary", c.Value!["schema"]!["format"]!.GetValue<string>()));
    }

    private async Task<JsonNode> DocumentAsync()
    {
        var response = await hosts[TestDb.Sqlite].CreateClient().GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static IEnumerable<(string Path, string Method, string Status, JsonNode Response)> Responses(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Value?["responses"] is not null
        from response in operation.Value!["responses"]!.AsObject()
        select (path.Key, operation.Key, response.Key, response.Value!);
}

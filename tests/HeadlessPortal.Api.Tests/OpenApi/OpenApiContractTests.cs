using System.Net;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.OpenApi;

[Collection(ApiCollection.Name)]
public sealed class OpenApiContractTests(ApiHosts hosts)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonNode> ServedDocumentAsync()
    {
        var response = await hosts[TestDb.Sqlite].CreateClient().GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task CommittedContract_MatchesTheDocumentTheApiServes()
    {
        var committedPath = Path.Combine(RepositoryRoot(), "openapi", "v1.json");
        Assert.True(File.Exists(committedPath), $"{committedPath} is missing; run: dotnet run --project src/Api -- openapi");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(committedPath));

        var served = await ServedDocumentAsync();

        Assert.True(
            JsonNode.DeepEquals(committed, served),
            "openapi/v1.json differs from what the API serves; regenerate it with: dotnet run --project src/Api -- openapi");
    }

    [Fact]
    public async Task EveryOperation_HasSummaryDescriptionIdAndProblemResponses()
    {
        var paths = (await ServedDocumentAsync())["paths"]!.AsObject();
        Assert.NotEmpty(paths);
        foreach (var (path, item) in paths)
        {
            foreach (var method in Methods.Where(m => item![m] is not null))
            {
                var operation = item![method]!;
                var where = $"{method.ToUpperInvariant()} {path}";
                Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{where} has no summary");
                Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), $"{where} has no description");
                Assert.False(string.IsNullOrWhiteSpace(operation["operationId"]?.GetValue<string>()), $"{where} has no operationId");
                var responses = operation["responses"]!.AsObject();
                Assert.Contains(responses, r => r.Key.StartsWith('2'));
                if (!path.StartsWith("/health", StringComparison.Ordinal))
                {
                    var problems = responses.Where(r => r.Key[0] is '4' or '5').ToList();
                    Assert.NotEmpty(problems);

                    // The token endpoint's 400 and 401 are RFC 6749 error documents, as OAuth clients expect.
                    var oauthErrors = path == "/oauth/token" ? new[] { "400", "401" } : [];
                    Assert.All(problems.Where(r => !oauthErrors.Contains(r.Key)), r => Assert.NotNull(r.Value!["content"]?["application/problem+json"]));
                }
            }
        }
    }

    [Fact]
    public async Task PlatformOperations_DeclareThePlatformKeySecurityScheme()
    {
        var document = await ServedDocumentAsync();
        Assert.NotNull(document["components"]!["securitySchemes"]!["PlatformKey"]);
        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/v1/platform", StringComparison.Ordinal)))
        {
            foreach (var method in Methods.Where(m => item![m] is not null))
            {
                var security = item![method]!["security"]?.AsArray();
                Assert.True(security is { Count: > 0 }, $"{method} {path} declares no security");
            }
        }
    }

    [Fact]
    public async Task AdminOperations_DeclareTheirOAuthScope()
    {
        var document = await ServedDocumentAsync();
        Assert.NotNull(document["components"]!["securitySchemes"]!["OAuth2"]!["flows"]!["clientCredentials"]);
        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/v1/admin", StringComparison.Ordinal)))
        {
            foreach (var method in Methods.Where(m => item![m] is not null))
            {
                var requirement = item![method]!["security"]?.AsArray().SingleOrDefault()?["OAuth2"]?.AsArray();
                Assert.True(requirement is { Count: 1 }, $"{method} {path} declares no OAuth2 scope");
            }
        }
    }

    [Fact]
    public async Task SwaggerUi_IsServedAtSwagger()
    {
        var response = await hosts[TestDb.Sqlite].CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HeadlessPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HeadlessPortal.sln not found above the test directory.");
    }
}

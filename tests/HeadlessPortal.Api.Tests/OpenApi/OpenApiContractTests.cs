using System.Net;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.OpenApi;

[Collection(ApiCollection.Admin)]
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
    public async Task EveryOperation_DeclaresOneRequirementNamingEveryCredentialItNeeds_OrPortalUserOperationsTheTwoWaysToAPortalToken()
    {
        var document = await ServedDocumentAsync();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods.Where(m => item![m] is not null))
            {
                // Alternatives are several requirement objects: only a portal user's token has two ways to it.
                var security = item![method]!["security"]?.AsArray();
                var requirements = security?.Select(r => r!.AsObject().Select(s => s.Key).Order(StringComparer.Ordinal).ToArray()).ToList() ?? [];
                if (requirements.Any(r => r.Contains("PortalUser") || r.Contains("PortalUserOAuth2")))
                {
                    Assert.True(requirements.Count == 2, $"{method} {path} declares {requirements.Count} requirements, not the two ways to a portal token");
                    Assert.Equal(["PortalKey", "PortalUser"], requirements[0]);
                    Assert.Equal(["PortalKey", "PortalUserOAuth2"], requirements[1]);
                    Assert.Empty(security![1]!["PortalUserOAuth2"]!.AsArray());
                }
                else
                {
                    Assert.True(security is null || security.Count == 1, $"{method} {path} declares {security?.Count} alternative requirements");
                }
            }
        }

        var me = document["paths"]!["/v1/portal/me"]!["get"]!["security"]!.AsArray();
        Assert.Equal(2, me.Count);
        var publicPortal = document["paths"]!["/v1/public/portal"]!["get"]!["security"]!.AsArray();
        Assert.Equal(["PortalKey"], Assert.Single(publicPortal)!.AsObject().Select(r => r.Key));
    }

    [Fact]
    public async Task PortalUserOAuth2Scheme_IsTheAuthorizationCodeFlowOfTheHostedSignInPage_WithOnlyScopesTheServerKnows()
    {
        var document = await ServedDocumentAsync();
        var flows = document["components"]!["securitySchemes"]!["PortalUserOAuth2"]!["flows"]!.AsObject();
        var code = Assert.Single(flows, f => f.Key == "authorizationCode").Value!;
        Assert.Single(flows);
        Assert.Equal("/oauth/authorize", code["authorizationUrl"]!.GetValue<string>());
        Assert.Equal("/oauth/token", code["tokenUrl"]!.GetValue<string>());
        Assert.Equal("/oauth/token", code["refreshUrl"]!.GetValue<string>());

        var discovery = await (await hosts[TestDb.Sqlite].CreateClient().GetAsync("/.well-known/openid-configuration")).JsonAsync();
        var served = discovery["scopes_supported"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal(["offline_access"], code["scopes"]!.AsObject().Select(s => s.Key));
        Assert.All(code["scopes"]!.AsObject(), s => Assert.Contains(s.Key, served));
        Assert.Contains("authorization_code", discovery["grant_types_supported"]!.AsArray().Select(g => g!.GetValue<string>()));
    }

    [Fact]
    public async Task RequestSchemas_DeclareTheFieldsTheApiRequiresAndTheValuesItAccepts()
    {
        var contract = new ContractSchema(await ServedDocumentAsync());
        string[] Required(string schema) => [.. (contract.Component(schema)["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal)];
        string[] Enum(JsonNode schema) => [.. contract.Resolve(schema)["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal)];

        Assert.Equal(["allocations", "paymentMethod"], Required("PayInvoicesRequest"));
        Assert.Equal(["amount", "invoiceId"], Required("AllocationInput"));
        Assert.Equal(["paymentMethod"], Required("PayByLinkRequest"));
        Assert.Equal(["type"], Required("PaymentMethodInput"));
        Assert.Equal(["customerId", "type"], Required("SetUpPaymentMethodRequest"));
        Assert.Equal(["customerId", "setupIntentId"], Required("AttachPaymentMethodRequest"));
        Assert.Equal(["html", "subject", "text"], Required("EmailTemplateInput"));
        Assert.Equal(["accountId"], Required("PaymentAccountRequest"));
        Assert.Equal(
            ["appointmentTimeDisplay", "branding", "emailNotifications", "enabled", "features", "onlinePayments", "signInMethods", "smsNotifications", "visibleAgreementStatuses", "visibleBusinessUnitIds"],
            Required("PortalSettingsInput"));
        Assert.Equal(9, Required("FeaturesInput").Length);
        Assert.Equal(6, Required("SmsNotificationsInput").Length);
        Assert.Equal(["reviewRequest"], Required("EmailNotificationsInput"));
        Assert.Equal(["enabled"], Required("OnlinePaymentsInput"));

        // A required field is never null, so the contract does not offer null for it.
        Assert.Null(contract.Component("PaymentMethodInput")["properties"]!["type"]!["nullable"]);
        Assert.Equal(["card", "savedMethod", "usBankAccount"], Enum(contract.Component("PaymentMethodInput")["properties"]!["type"]!));
        Assert.Equal(["card", "usBankAccount"], Enum(contract.Component("SetUpPaymentMethodRequest")["properties"]!["type"]!));

        var tab = contract.Operation("get", "/v1/portal/jobs")["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "tab")!;
        Assert.True(tab["required"]?.GetValue<bool>());
        Assert.Equal("#/components/schemas/JobTab", tab["schema"]!["$ref"]?.GetValue<string>());

        foreach (var path in new[] { "/v1/portal/payments", "/v1/public/payment-links/{token}/payments" })
        {
            var key = contract.Operation("post", path)["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "Idempotency-Key")!;
            Assert.True(key["required"]?.GetValue<bool>(), $"Idempotency-Key is required on POST {path}");
        }
    }

    [Fact]
    public async Task RequestSchemas_StateTheLimitsTheirCommandsEnforce_EvenWhereTheBodyIsAnotherTypeThanTheCommand()
    {
        var contract = new ContractSchema(await ServedDocumentAsync());
        JsonNode Property(string schema, string name) => contract.Component(schema)["properties"]![name]!;

        // Bodies the endpoint turns into a command: the command's validator speaks for them (1 to 20 proposals, 1 to 90 days).
        Assert.Equal(20, Property("CreateEstimateLinkRequest", "proposalIds")["maxItems"]!.GetValue<int>());
        foreach (var schema in new[] { "CreateEstimateLinkRequest", "CreatePaymentLinkRequest" })
        {
            Assert.Equal(1, Property(schema, "expiresInDays")["minimum"]!.GetValue<int>());
            Assert.Equal(90, Property(schema, "expiresInDays")["maximum"]!.GetValue<int>());
        }

        // A document's own validator wins over a longer limit of the same name elsewhere (proposal terms may be longer than warranty terms).
        Assert.Equal(2000, Property("WarrantyDocument", "terms")["maxLength"]!.GetValue<int>());
        Assert.Equal(20000, Property("ProposalDocument", "terms")["maxLength"]!.GetValue<int>());
    }

    [Fact]
    public async Task ResponseSchemas_RequireEveryPropertyAndMarkNullableReferencesNullable()
    {
        var contract = new ContractSchema(await ServedDocumentAsync());

        // The server writes every property, null or not: a generated client may rely on each being there.
        var invoice = contract.Component("PortalInvoice");
        Assert.Equal(invoice["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal),
            invoice["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal));

        // A nullable object is the object or a null-only schema: a $ref's siblings are ignored in OpenAPI 3.0, and
        // "nullable" means something only beside a "type".
        var job = invoice["properties"]!["job"]!;
        Assert.Null(job["nullable"]);
        Assert.Equal("#/components/schemas/InvoiceJob", job["anyOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("""{"enum":[null],"type":"object","nullable":true}""", job["anyOf"]![1]!.ToJsonString());
        Assert.Empty(contract.Violations(job, null));
        Assert.NotEmpty(contract.Violations(job, new JsonObject()));
        Assert.Empty(contract.Violations(contract.Component("PaymentResult")["properties"]!["failure"]!, null));

        // Problem documents leave out what does not apply (errors), so those are not required.
        Assert.DoesNotContain("errors", contract.Component("ApiProblem")["required"]!.AsArray().Select(r => r!.GetValue<string>()));
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

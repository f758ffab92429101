using System.Net.Http.Headers;
using System.Text;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Tenants;
using HeadlessPortal.Application.Tenants.GetTenant;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Mediator;

namespace HeadlessPortal.Api.Tests.Errors;

[Collection(ApiCollection.Admin)]
public sealed class ProblemResponseTests(ApiHosts hosts)
{
    private const string Tenants = "/v1/platform/tenants";

    private HttpClient Client => hosts[TestDb.Sqlite].CreatePlatformClient();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("{name: 'x'}")]
    [InlineData("not json at all")]
    public async Task Post_WhenBodyIsNotJson_Returns400MalformedRequest(string body)
    {
        var response = await Client.PostAsync(Tenants, Json(body));
        var problem = await response.AssertProblemAsync(400, "malformed_request");
        Assert.Equal("The request body is not valid JSON.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_WhenAFieldHasTheWrongJsonType_Returns400NamingTheField()
    {
        var response = await Client.PostAsync(Tenants, Json("{\"name\": 42, \"hostName\": \"acme-hvac\"}"));
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors("name"));
        Assert.DoesNotContain("System.", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WhenTheBodyHasAFieldTheRequestDoesNotDeclare_Returns400NamingTheField()
    {
        var response = await Client.PostAsync(Tenants, Json("{\"name\": \"Acme\", \"hostName\": \"acme-hvac\", \"plan\": \"gold\"}"));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors("plan"));
        Assert.DoesNotContain("System.", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Command", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WhenANestedObjectHasAnUnknownField_Returns400NamingItsPath()
    {
        var response = await Client.PostAsync(Tenants, Json("{\"name\": \"Acme\", \"hostName\": \"acme-hvac\", \"accountSettings\": {\"colour\": \"#0B5FFF\"}}"));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors("accountSettings.colour"));
    }

    [Fact]
    public async Task Post_WhenBodyMissing_Returns400SayingABodyIsRequired()
    {
        var response = await Client.PostAsync(Tenants, Json(""));
        var problem = await response.AssertProblemAsync(400, "malformed_request");
        Assert.Equal("A JSON request body is required.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_WhenContentTypeIsNotJson_Returns415()
    {
        var response = await Client.PostAsync(Tenants, new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.AssertProblemAsync(415, "unsupported_media_type");
    }

    [Fact]
    public async Task Post_WhenBodyLargerThanTheLimit_Returns413()
    {
        var content = new ByteArrayContent(new byte[(1024 * 1024) + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await Client.PostAsync(Tenants, content);

        await response.AssertProblemAsync(413, "payload_too_large");
    }

    [Theory]
    [InlineData("/v1/nothing-here")]
    [InlineData("/v1/platform/tenants/not-a-guid")]
    [InlineData("/")]
    public async Task Get_WhenNoRouteMatches_Returns404Problem(string path)
    {
        var response = await Client.GetAsync(path);
        var problem = await response.AssertProblemAsync(404, "not_found");
        Assert.Contains(path, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WhenMethodNotSupported_Returns405Problem()
    {
        var response = await Client.DeleteAsync(Tenants);
        await response.AssertProblemAsync(405, "method_not_allowed");
    }

    [Fact]
    public async Task Request_WhenAHandlerThrows_Returns500WithTraceIdAndNothingInternal()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, services: services =>
            services.AddTransient<IQueryHandler<GetTenantQuery, Result<TenantDto>>, ThrowingHandler>());

        var response = await factory.CreatePlatformClient().GetAsync($"{Tenants}/{Guid.CreateVersion7()}");

        var problem = await response.AssertProblemAsync(500, "internal_error");
        var text = problem.ToJsonString();
        Assert.DoesNotContain(ThrowingHandler.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("at HeadlessPortal", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    private sealed class ThrowingHandler : IQueryHandler<GetTenantQuery, Result<TenantDto>>
    {
        public const string Secret = "connection string Password=hunter2";

        public ValueTask<Result<TenantDto>> Handle(GetTenantQuery request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Secret);
    }
}

using System.Net;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Tests.Hosting;

/// <summary>The token issuer: configured outside Development, so no request's Host header can name it.</summary>
[Collection(ApiCollection.Admin)]
public sealed class IssuerTests(ApiHosts hosts)
{
    private static readonly Dictionary<string, string?> NoFakeStripe = new() { ["Stripe:UseFakeServer"] = "false" };

    [Fact]
    public async Task Discovery_WithTheIssuerConfigured_NamesItWhateverHostTheRequestSends()
    {
        var factory = hosts[TestDb.Sqlite];
        var issuer = factory.Settings["Auth:Issuer"]!;
        var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "evil.example";

        var discovery = await AdminSession.ExpectAsync(await factory.CreateClient().SendAsync(request), HttpStatusCode.OK);

        Assert.Equal(issuer + "/", discovery["issuer"]!.GetValue<string>());
        Assert.Equal(issuer + "/oauth/token", discovery["token_endpoint"]!.GetValue<string>());
        Assert.Equal(issuer + "/.well-known/jwks.json", discovery["jwks_uri"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("api.example.com")]
    [InlineData("ftp://api.example.com")]
    public async Task Startup_OutsideDevelopmentWithoutAnAbsoluteIssuerUrl_RefusesToStartNamingAuthIssuer(string issuer)
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["Auth:Issuer"] = issuer }, environment: "Production");

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = ex as OptionsValidationException ?? ex.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("Auth:Issuer", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_InDevelopmentWithoutAnIssuer_NamesTheRequestsOwnAddress()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?>(NoFakeStripe) { ["Auth:Issuer"] = "" }, environment: "Development");
        var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "laptop.local:5080";

        var discovery = await AdminSession.ExpectAsync(await factory.CreateClient().SendAsync(request), HttpStatusCode.OK);

        Assert.Equal("http://laptop.local:5080/", discovery["issuer"]!.GetValue<string>());
        Assert.Equal("http://laptop.local:5080/oauth/token", discovery["token_endpoint"]!.GetValue<string>());
    }
}

using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server.AspNetCore;

namespace HeadlessPortal.Api.Tests.OAuth;

/// <summary>
/// The authentication middleware asks each scheme that may answer a request itself, on every request: the token server
/// is asked everywhere but under /v1, where the API's own endpoints are and none of its own can be.
/// </summary>
[Collection(ApiCollection.Admin)]
public sealed class RequestHandlerSchemesTests(ApiHosts hosts)
{
    [Theory]
    [InlineData("/v1/portal/tasks", false)]
    [InlineData("/V1/admin/customers", false)]
    [InlineData("/v1", false)]
    [InlineData("/oauth/token", true)]
    [InlineData("/oauth/authorize", true)]
    [InlineData("/oauth/revoke", true)]
    [InlineData("/v1beta/oauth/token", true)]
    [InlineData("/.well-known/openid-configuration", true)]
    public async Task TheTokenServer_IsAskedToAnswerARequest_EverywhereButUnderV1(string path, bool asked)
    {
        var factory = hosts[TestDb.Sqlite];
        using var client = factory.CreateClient();
        var accessor = factory.Services.GetRequiredService<IHttpContextAccessor>();
        var schemes = factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        accessor.HttpContext = new DefaultHttpContext { Request = { Path = path } };
        List<string> names;
        try
        {
            names = (await schemes.GetRequestHandlerSchemesAsync()).Select(s => s.Name).ToList();
        }
        finally
        {
            accessor.HttpContext = null;
        }

        Assert.Equal(asked, names.Contains(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme));
    }
}

using System.Net;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.OAuth;

/// <summary>
/// The token endpoint's per-client limits: wrong secrets are throttled per client id and address, and spend nothing of
/// what the client that knows its secret may get, wherever it asks from.
/// </summary>
public sealed class TokenRateLimitTests
{
    private const string PeerHeader = "X-Test-Peer";

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Token_WhenSomeoneElseSendsWrongSecrets_TheClientWithTheRightSecretStillGetsItsToken(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var factory = new ApiFactory(
            database,
            new Dictionary<string, string?>
            {
                ["RateLimits:TokenPerClientPerMinute"] = "3",
                ["RateLimits:TokenFailuresPerClientPerIpPerMinute"] = "5",
            },
            services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
        var session = await AdminSession.StartAsync(factory);

        // 32 wrong secrets from one address: the first five are refused as such, the rest are throttled.
        for (var i = 0; i < 32; i++)
        {
            var wrong = await AskAsync(factory, "203.0.113.9", session.ClientId, "hps_wrong-" + i);
            if (i < 5)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }
            else
            {
                await wrong.AssertProblemAsync(429, "too_many_requests");
                Assert.True(wrong.Headers.Contains("Retry-After"));
            }
        }

        // The right secret still gets its token, from that very address and from anywhere else: AdminSession took one
        // token, these two fill the client's budget.
        await AdminSession.ExpectAsync(await AskAsync(factory, "203.0.113.9", session.ClientId, session.ClientSecret), HttpStatusCode.OK);
        await AdminSession.ExpectAsync(await AskAsync(factory, "198.51.100.7", session.ClientId, session.ClientSecret), HttpStatusCode.OK);

        // Wrong secrets stay throttled; tokens issued have their own limit per authenticated client.
        await (await AskAsync(factory, "203.0.113.9", session.ClientId, "hps_wrong-again")).AssertProblemAsync(429, "too_many_requests");
        Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync(factory, "198.51.100.7", session.ClientId, "hps_wrong-elsewhere")).StatusCode);
        await (await AskAsync(factory, "198.51.100.8", session.ClientId, session.ClientSecret)).AssertProblemAsync(429, "too_many_requests");
    }

    private static Task<HttpResponseMessage> AskAsync(ApiFactory factory, string peer, string clientId, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
            }),
        };
        request.Headers.Add(PeerHeader, peer);
        return factory.CreateClient().SendAsync(request);
    }

    /// <summary>The test server has no remote address; this one takes it from a header, before the API's middleware.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[PeerHeader].FirstOrDefault() is { } peer)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Infrastructure.Auth;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HeadlessPortal.Api.Tests.OAuth;

[Collection(ApiCollection.SignIn)]
public sealed class TokenEndpointTests(ApiHosts hosts)
{
    private ApiFactory Sqlite => hosts[TestDb.Sqlite];

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.ToDictionary(f => f.Key, f => f.Value));

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Token_WhenClientAuthenticatesWithBasic_IssuesAnEs256JwtForItsTenantAndScopes(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        var client = hosts[engine].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{session.ClientId}:{Uri.EscapeDataString(session.ClientSecret)}")));

        var response = await client.PostAsync("/oauth/token", Form(("grant_type", "client_credentials")));

        var body = await AdminSession.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(900, body["expires_in"]!.GetValue<int>());
        Assert.Contains("settings:write", body["scope"]!.GetValue<string>().Split(' '));
        var jwt = new JsonWebToken(body["access_token"]!.GetValue<string>());
        Assert.Equal("ES256", jwt.Alg);
        Assert.False(string.IsNullOrEmpty(jwt.Kid));
        Assert.Equal(session.TenantId.ToString(), jwt.GetClaim("tid").Value);
        Assert.Equal(session.ClientId, jwt.GetClaim("client_id").Value);
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task Token_WhenScopeNarrowed_GrantsOnlyThoseScopes()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var response = await Sqlite.CreateClient().PostAsync("/oauth/token", Form(
            ("grant_type", "client_credentials"), ("client_id", session.ClientId), ("client_secret", session.ClientSecret), ("scope", "settings:read audit:read")));

        Assert.Equal("settings:read audit:read", (await AdminSession.ExpectAsync(response, HttpStatusCode.OK))["scope"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("grant_type=client_credentials&client_id={id}&client_secret=wrong", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("grant_type=client_credentials&client_id=nobody&client_secret=whatever", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("grant_type=client_credentials", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("grant_type=password&client_id={id}&client_secret={secret}", HttpStatusCode.BadRequest, "unsupported_grant_type")]
    [InlineData("client_id={id}&client_secret={secret}", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("grant_type=client_credentials&client_id={id}&client_secret={secret}&scope=settings:read+root", HttpStatusCode.BadRequest, "invalid_scope")]
    public async Task Token_WhenRequestIsWrong_AnswersWithTheRfc6749Error(string form, HttpStatusCode status, string error)
    {
        var session = await AdminSession.StartAsync(Sqlite, role: "integration");
        var body = form.Replace("{id}", session.ClientId, StringComparison.Ordinal).Replace("{secret}", Uri.EscapeDataString(session.ClientSecret), StringComparison.Ordinal);

        var response = await Sqlite.CreateClient().PostAsync("/oauth/token", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

        var json = await AdminSession.ExpectAsync(response, status);
        Assert.Equal(error, json["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(json["error_description"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Token_WhenIntegrationClientAsksForClientsWrite_IsInvalidScope()
    {
        var session = await AdminSession.StartAsync(Sqlite, role: "integration");
        var response = await Sqlite.CreateClient().PostAsync("/oauth/token", Form(
            ("grant_type", "client_credentials"), ("client_id", session.ClientId), ("client_secret", session.ClientSecret), ("scope", "clients:write")));
        Assert.Equal("invalid_scope", (await AdminSession.ExpectAsync(response, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_WhenBothBasicAndFormCredentialsSent_IsInvalidRequest()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var client = Sqlite.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{session.ClientId}:{session.ClientSecret}")));
        var response = await client.PostAsync("/oauth/token", Form(("grant_type", "client_credentials"), ("client_id", session.ClientId), ("client_secret", session.ClientSecret)));
        Assert.Equal("invalid_request", (await AdminSession.ExpectAsync(response, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_WhenClientRevoked_NoNewTokenButExistingOneStillWorksUntilExpiry()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var clients = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/api-clients"), HttpStatusCode.OK);
        var id = clients["data"]!.AsArray().Single(c => c!["clientId"]!.GetValue<string>() == session.ClientId)!["id"]!.GetValue<Guid>();

        var revoked = await AdminSession.ExpectAsync(await session.Client.PostAsync($"/v1/admin/api-clients/{id}/revoke", null), HttpStatusCode.OK);

        Assert.NotNull(revoked["revokedAt"]!.GetValue<DateTimeOffset?>());
        var refused = await Sqlite.CreateClient().PostAsync("/oauth/token", Form(("grant_type", "client_credentials"), ("client_id", session.ClientId), ("client_secret", session.ClientSecret)));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/v1/admin/portal-settings")).StatusCode);
    }

    [Fact]
    public async Task RotateSecret_WhenDone_OldSecretFailsAndNewOneWorks()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var clients = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/api-clients"), HttpStatusCode.OK);
        var id = clients["data"]!.AsArray().Single(c => c!["clientId"]!.GetValue<string>() == session.ClientId)!["id"]!.GetValue<Guid>();

        var rotated = await AdminSession.ExpectAsync(await session.Client.PostAsync($"/v1/admin/api-clients/{id}/secret", null), HttpStatusCode.OK);
        var newSecret = rotated["clientSecret"]!.GetValue<string>();

        Assert.NotEqual(session.ClientSecret, newSecret);
        var old = await Sqlite.CreateClient().PostAsync("/oauth/token", Form(("grant_type", "client_credentials"), ("client_id", session.ClientId), ("client_secret", session.ClientSecret)));
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.NotEmpty(await AdminSession.TokenAsync(Sqlite, session.ClientId, newSecret));
    }

    [Fact]
    public async Task Jwks_PublishesOnlyPublicEcKeysMatchingTheTokensKid()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var kid = new JsonWebToken(session.Client.DefaultRequestHeaders.Authorization!.Parameter).Kid;

        var jwks = await AdminSession.ExpectAsync(await Sqlite.CreateClient().GetAsync("/.well-known/jwks.json"), HttpStatusCode.OK);

        var keys = jwks["keys"]!.AsArray();
        Assert.Contains(keys, k => k!["kid"]!.GetValue<string>() == kid);
        Assert.All(keys, k =>
        {
            Assert.Equal("EC", k!["kty"]!.GetValue<string>());
            Assert.Equal("ES256", k["alg"]!.GetValue<string>());
            Assert.Null(k["d"]);
        });
        var discovery = await AdminSession.ExpectAsync(await Sqlite.CreateClient().GetAsync("/.well-known/openid-configuration"), HttpStatusCode.OK);
        Assert.EndsWith("/oauth/token", discovery["token_endpoint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("/.well-known/jwks.json", discovery["jwks_uri"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningKeyRotation_KeepsOldTokensValidAndSignsNewOnesWithTheNewKey()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database);
        var session = await AdminSession.StartAsync(factory);
        var oldKid = new JsonWebToken(session.Client.DefaultRequestHeaders.Authorization!.Parameter).Kid;

        var rotated = await AdminSession.ExpectAsync(await factory.CreatePlatformClient().PostAsync("/v1/platform/signing-keys/rotate", null), HttpStatusCode.OK);

        var newKid = rotated["kid"]!.GetValue<string>();
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/v1/admin/portal-settings")).StatusCode);
        var fresh = await AdminSession.TokenAsync(factory, session.ClientId, session.ClientSecret);
        Assert.Equal(newKid, new JsonWebToken(fresh).Kid);
        var jwks = await AdminSession.ExpectAsync(await factory.CreateClient().GetAsync("/.well-known/jwks.json"), HttpStatusCode.OK);
        var kids = jwks["keys"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).ToList();
        Assert.Contains(newKid, kids);
        Assert.Contains(oldKid, kids);
    }

    [Fact]
    public async Task Discovery_ListsOnlyWhatTheTokenServiceServes()
    {
        var client = Sqlite.CreateClient();

        var discovery = (await AdminSession.ExpectAsync(await client.GetAsync("/.well-known/openid-configuration"), HttpStatusCode.OK)).AsObject();

        // No ID tokens, no user info: nothing that would need them is claimed. PKCE is S256 only.
        Assert.Equal(
            ["authorization_endpoint", "authorization_response_iss_parameter_supported", "code_challenge_methods_supported", "grant_types_supported", "issuer",
             "jwks_uri", "response_types_supported", "revocation_endpoint", "revocation_endpoint_auth_methods_supported", "scopes_supported", "token_endpoint",
             "token_endpoint_auth_methods_supported"],
            discovery.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["client_credentials", "authorization_code", "refresh_token"], discovery["grant_types_supported"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal(["S256"], discovery["code_challenge_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(["client_secret_basic", "client_secret_post", "none"], discovery["token_endpoint_auth_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal([.. Domain.ApiClients.Scopes.All, "offline_access"], discovery["scopes_supported"]!.AsArray().Select(s => s!.GetValue<string>()));

        // What it names is there: the token endpoint answers a client-credentials request, the JWKS its keys, the
        // authorization endpoint checks its requests (AuthorizationCodeFlowTests drives it through).
        var session = await AdminSession.StartAsync(Sqlite);
        var tokenPath = new Uri(discovery["token_endpoint"]!.GetValue<string>()).AbsolutePath;
        var token = await client.PostAsync(tokenPath, Form(("grant_type", "client_credentials"), ("client_id", session.ClientId), ("client_secret", session.ClientSecret)));
        var issued = new JsonWebToken((await AdminSession.ExpectAsync(token, HttpStatusCode.OK))["access_token"]!.GetValue<string>());
        Assert.Equal(discovery["issuer"]!.GetValue<string>(), issued.Issuer);
        var jwks = await AdminSession.ExpectAsync(await client.GetAsync(new Uri(discovery["jwks_uri"]!.GetValue<string>()).AbsolutePath), HttpStatusCode.OK);
        Assert.NotEmpty(jwks["keys"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri(discovery["authorization_endpoint"]!.GetValue<string>()).AbsolutePath)).StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Token_WhenAFormValueIsMalformed_IsInvalidRequestAndNeverA500(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        var id = Uri.EscapeDataString(session.ClientId);
        var secret = Uri.EscapeDataString(session.ClientSecret);
        string[] forms =
        [
            $"grant_type=client_credentials&client_id={id}&client_secret={secret}&scope=settings%3Aread%00",
            $"grant_type=client_credentials&client_id={id}&client_secret={secret}&scope=%00",
            $"grant_type=client_credentials&client_id={id}%00&client_secret={secret}",
            $"grant_type=client_credentials&client_id=%00&client_secret=%00",
            $"grant_type=client_credentials&client_id={id}&client_secret={secret}%00",
            $"grant_type=client_credentials%00&client_id={id}&client_secret={secret}",
            $"grant_type=client_credentials&client_id={id}&client_secret={secret}&scope=settings%3Aread%0Aaudit%3Aread",
            $"grant_type=client_credentials&grant_type=client_credentials&client_id={id}&client_secret={secret}",
            $"grant_type=client_credentials&client_id={id}&client_id={id}&client_secret={secret}",
            $"grant_type=client_credentials&client_id={id}&client_secret={secret}&scope=audit%3Aread&scope=settings%3Aread",
        ];

        foreach (var form in forms)
        {
            var response = await hosts[engine].CreateClient().PostAsync("/oauth/token", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

            var json = await AdminSession.ExpectAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("invalid_request", json["error"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(json["error_description"]!.GetValue<string>()));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }

        // The same client with well-formed values still gets its token.
        Assert.NotEmpty(await AdminSession.TokenAsync(hosts[engine], session.ClientId, session.ClientSecret, "settings:read"));
    }

    public static TheoryData<string> ForgedTokens() => new() { "none", "hs256", "unknown-key", "expired", "wrong-audience", "garbage", "long-lived", "long-lived-since-nbf" };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task AdminApi_WhenTokenIsForgedExpiredOrMalformed_Answers401(string kind)
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var token = await ForgeAsync(kind, session);
        var client = Sqlite.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/v1/admin/portal-settings");

        await response.AssertProblemAsync(401, "invalid_token");
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_WhenTokenIsMadeWithTheRealKeyAndClaims_IsAccepted()
    {
        // The control for the forgeries above: the same construction, with nothing wrong, passes.
        var session = await AdminSession.StartAsync(Sqlite);
        var client = Sqlite.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ForgeAsync("valid", session));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/admin/portal-settings")).StatusCode);
    }

    private async Task<string> ForgeAsync(string kind, AdminSession session)
    {
        var handler = new JsonWebTokenHandler();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = session.ClientId, ["client_id"] = session.ClientId, ["tid"] = session.TenantId.ToString(),
            ["scope"] = "settings:read settings:write", ["token_use"] = "admin",
        };
        var now = DateTime.UtcNow;
        SecurityTokenDescriptor Descriptor(SigningCredentials? credentials, DateTime expires, string audience = "headlessportal-api", DateTime? issuedAt = null, DateTime? notBefore = null) => new()
        {
            Issuer = "http://localhost", Audience = audience, Claims = claims, IssuedAt = issuedAt ?? expires.AddMinutes(-15), NotBefore = notBefore ?? expires.AddMinutes(-15),
            Expires = expires, SigningCredentials = credentials, TokenType = "at+jwt",
        };

        var realKey = await Sqlite.Services.GetRequiredService<SigningKeyStore>().GetSigningKeyAsync(CancellationToken.None);
        var realCredentials = new SigningCredentials(realKey.SecurityKey, SecurityAlgorithms.EcdsaSha256);
        switch (kind)
        {
            case "none":
                var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
                var payload = Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>(claims)
                {
                    ["iss"] = "http://localhost", ["aud"] = "headlessportal-api", ["exp"] = new DateTimeOffset(now.AddMinutes(10)).ToUnixTimeSeconds(),
                }));
                return $"{header}.{payload}.";
            case "hs256":
                // Algorithm confusion: an HMAC keyed with the public key's bytes, claiming the real kid.
                var publicBytes = realKey.SecurityKey.ECDsa.ExportSubjectPublicKeyInfo();
                var hmac = new SymmetricSecurityKey(SHA256.HashData(publicBytes)) { KeyId = realKey.Kid };
                return handler.CreateToken(Descriptor(new SigningCredentials(hmac, SecurityAlgorithms.HmacSha256), now.AddMinutes(10)));
            case "unknown-key":
                var stranger = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "stranger" };
                return handler.CreateToken(Descriptor(new SigningCredentials(stranger, SecurityAlgorithms.EcdsaSha256), now.AddMinutes(10)));
            case "expired":
                return handler.CreateToken(Descriptor(realCredentials, now.AddMinutes(-5)));
            case "valid":
                return handler.CreateToken(Descriptor(realCredentials, now.AddMinutes(10)));
            case "long-lived":
                // Signed with our key, but valid for a day: longer than any token we issue.
                return handler.CreateToken(Descriptor(realCredentials, now.AddDays(1), issuedAt: now.AddMinutes(-1), notBefore: now.AddMinutes(-1)));
            case "long-lived-since-nbf":
                return handler.CreateToken(Descriptor(realCredentials, now.AddMinutes(10), issuedAt: now.AddMinutes(-1), notBefore: now.AddHours(-2)));
            case "wrong-audience":
                return handler.CreateToken(Descriptor(realCredentials, now.AddMinutes(10), audience: "someone-else"));
            default:
                return "not.a.jwt";
        }
    }
}

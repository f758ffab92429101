using System.Text.Json;
using HeadlessPortal.Api.Endpoints;
using HeadlessPortal.Application.Auth;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.PortalAuth;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace HeadlessPortal.Api.Auth;

/// <summary>
/// Marks a token request the API makes of its own token server for a first-party sign-in endpoint. Only code in this
/// process can attach it, so a request from outside can never claim the session grant or a tenant.
/// </summary>
internal sealed class FirstPartyTokenRequest(Guid tenantId, PortalAccessClaims? session)
{
    /// <summary>The tenant of the endpoint that asked: a refresh token of another tenant is refused.</summary>
    public Guid TenantId { get; } = tenantId;

    /// <summary>The session just started, for the session grant; null for a refresh or a revocation.</summary>
    public PortalAccessClaims? Session { get; } = session;

    /// <summary>Set by the token server when the refresh token presented had already been spent (its session is ended).</summary>
    public bool RefreshTokenReused { get; set; }
}

/// <summary>
/// The first-party sign-in endpoints' tokens, issued, rotated and revoked by the token server (OpenIddict) exactly as a
/// front-end app's are: each call is a token request (the session grant, refresh_token) or a revocation (RFC 7009) of
/// the client <see cref="FirstPartyClient.Id"/>, run through the token server's own request handling inside this process.
/// See docs/decisions/0016-first-party-sign-in-through-the-token-server.md.
/// </summary>
internal sealed class FirstPartyTokens(IHttpContextAccessor accessor, IServiceScopeFactory scopes, ICurrentTenant tenant) : IPortalTokenIssuer
{
    public async Task<PortalTokens> IssueAsync(PortalAccessClaims claims, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(
            TokenServer.TokenPath,
            new()
            {
                [OpenIddictConstants.Parameters.GrantType] = FirstPartyClient.SessionGrantType,
                [OpenIddictConstants.Parameters.Scope] = OpenIddictConstants.Scopes.OfflineAccess,
            },
            new FirstPartyTokenRequest(claims.TenantId, claims),
            cancellationToken);
        return answer.Tokens ?? throw new InvalidOperationException($"The token server refused the tokens of a session just started: {answer.Error}: {answer.Description}");
    }

    public async Task<Result<PortalTokens>> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var request = new FirstPartyTokenRequest(tenant.Required().Value, session: null);
        var answer = await SendAsync(
            TokenServer.TokenPath,
            new()
            {
                [OpenIddictConstants.Parameters.GrantType] = OpenIddictConstants.GrantTypes.RefreshToken,
                [OpenIddictConstants.Parameters.RefreshToken] = refreshToken,
            },
            request,
            cancellationToken);
        return answer switch
        {
            { Tokens: { } tokens } => tokens,
            _ when request.RefreshTokenReused => PortalAuthErrors.RefreshTokenReused,
            { Error: OpenIddictConstants.Errors.InvalidGrant or OpenIddictConstants.Errors.InvalidRequest } => PortalAuthErrors.InvalidRefreshToken,
            _ => throw new InvalidOperationException($"The token server could not refresh: {answer.Error}: {answer.Description}"),
        };
    }

    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        // RFC 7009: an unknown or already revoked token is answered like a revoked one; the session behind a known one ends.
        var answer = await SendAsync(
            TokenServer.RevokePath,
            new()
            {
                [OpenIddictConstants.Parameters.Token] = refreshToken,
                [OpenIddictConstants.Parameters.TokenTypeHint] = OpenIddictConstants.TokenTypeHints.RefreshToken,
            },
            new FirstPartyTokenRequest(tenant.Required().Value, session: null),
            cancellationToken);
        if (answer.Error is not (null or OpenIddictConstants.Errors.InvalidToken or OpenIddictConstants.Errors.InvalidRequest))
        {
            throw new InvalidOperationException($"The token server could not revoke: {answer.Error}: {answer.Description}");
        }
    }

    /// <summary>
    /// Runs a form-encoded request through the token server in a scope of its own, as if it came to the same address as the
    /// request being served: the token server reads and checks it (and answers it, or lets it through to the token
    /// endpoint, which decides the grant), and its JSON answer is read back.
    /// </summary>
    private async Task<TokenServerAnswer> SendAsync(string path, Dictionary<string, string> form, FirstPartyTokenRequest marker, CancellationToken cancellationToken)
    {
        var outer = accessor.HttpContext ?? throw new InvalidOperationException("First-party tokens are issued while serving a request.");
        form[OpenIddictConstants.Parameters.ClientId] = FirstPartyClient.Id;
        using var content = new FormUrlEncodedContent(form);
        var body = await content.ReadAsByteArrayAsync(cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = cancellationToken };
        http.Request.Method = HttpMethods.Post;
        http.Request.Scheme = outer.Request.Scheme;
        http.Request.Host = outer.Request.Host;
        http.Request.PathBase = outer.Request.PathBase;
        http.Request.Path = path;
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.ContentLength = body.Length;
        http.Request.Body = new MemoryStream(body);
        http.Connection.RemoteIpAddress = outer.Connection.RemoteIpAddress;
        var response = new MemoryStream();
        http.Response.Body = response;
        http.Features.Set(marker);

        var handlers = scope.ServiceProvider.GetRequiredService<IAuthenticationHandlerProvider>();
        if (await handlers.GetHandlerAsync(http, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme) is not IAuthenticationRequestHandler server)
        {
            throw new InvalidOperationException("The token server is not registered.");
        }

        if (!await server.HandleRequestAsync())
        {
            // Let through, as a token request from outside is, to the token endpoint, which decides the grant.
            await (await OAuthEndpoints.TokenAsync(http)).ExecuteAsync(http);
        }

        return TokenServerAnswer.Read(response.ToArray());
    }

    private sealed record TokenServerAnswer(PortalTokens? Tokens, string? Error, string? Description)
    {
        public static TokenServerAnswer Read(byte[] json)
        {
            if (json.Length == 0)
            {
                return new TokenServerAnswer(null, null, null);
            }

            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (Text(OpenIddictConstants.Parameters.AccessToken) is { } access && Text(OpenIddictConstants.Parameters.RefreshToken) is { } refresh
                && root.TryGetProperty(OpenIddictConstants.Parameters.ExpiresIn, out var expiresIn))
            {
                return new TokenServerAnswer(new PortalTokens(access, refresh, "Bearer", expiresIn.GetInt32()), null, null);
            }

            // A revocation's success has no tokens and no error.
            return new TokenServerAnswer(null, Text(OpenIddictConstants.Parameters.Error), Text(OpenIddictConstants.Parameters.ErrorDescription));
        }
    }
}

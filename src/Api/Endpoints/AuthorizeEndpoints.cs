using System.Security.Claims;
using HeadlessPortal.Api.Auth;
using HeadlessPortal.Application.Common.Errors;
using IResult = Microsoft.AspNetCore.Http.IResult;
using HeadlessPortal.Application.OAuthApps.GetOAuthAppTenant;
using HeadlessPortal.Application.PortalAuth.RequestPortalEmail;
using HeadlessPortal.Application.PortalAuth.SignInForAuthorization;
using HeadlessPortal.Application.PublicPortal.GetPublicPortal;
using HeadlessPortal.Domain.PortalUsers;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Auth;
using HeadlessPortal.Infrastructure.Services;
using Mediator;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;


namespace HeadlessPortal.Api.Endpoints;

/// <summary>
/// The authorization endpoint (authorization code flow with PKCE) and its hosted sign-in page. The token server checks
/// each request first (a registered client, a redirect URI equal to one of the app's, response_type=code, an S256 code
/// challenge) and sends errors about the client or the redirect URI nowhere but to this page's caller. The tenant is the
/// app's: its client id belongs to one tenant.
/// </summary>
public static class AuthorizeEndpoints
{
    private static readonly HashSet<string> PageFields = ["email", "password", "hp_action", "view"];

    public static IEndpointRouteBuilder MapAuthorizeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(TokenServer.AuthorizePath, [HttpMethods.Get, HttpMethods.Post], Authorize)
            .ExcludeFromDescription()
            .AllowAnonymous()
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Authorize(HttpContext http, ISender sender, CurrentTenant currentTenant, IAntiforgery antiforgery, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The token server did not handle the authorization request.");
        var tenantId = await sender.Send(new GetOAuthAppTenantQuery(request.ClientId!), ct);
        if (tenantId is null)
        {
            return Deny(OpenIddictConstants.Errors.InvalidClient, "The app is not registered.");
        }

        currentTenant.Set(new TenantId(tenantId.Value));
        var portal = await sender.Send(new GetPublicPortalQuery(), ct);
        if (!portal.IsSuccess || portal.Value.Status != PortalStatus.Available)
        {
            return Deny(OpenIddictConstants.Errors.AccessDenied, "The company's portal is not available.");
        }

        var page = new PageState(http, antiforgery, portal.Value, request);
        if (HttpMethods.IsGet(http.Request.Method))
        {
            return page.Show(SignInPage.PasswordView);
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return page.Show(SignInPage.PasswordView, error: "This page had expired. Please try again.", status: StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(ct);
        var email = form["email"].ToString().Trim();
        switch (form["hp_action"].ToString())
        {
            case "show":
                return page.Show(form["view"].ToString() is SignInPage.InvitationView or SignInPage.ResetView ? form["view"].ToString() : SignInPage.PasswordView);
            case "invitation":
                return await SendEmailAsync(page, sender, PortalTokenPurpose.Invitation, SignInPage.InvitationView, email,
                    "If that address may use the portal, an invitation is on its way. Follow its link, then come back here to sign in.", ct);
            case "reset":
                return await SendEmailAsync(page, sender, PortalTokenPurpose.PasswordReset, SignInPage.ResetView, email,
                    "If that address has an account, a link to set a new password is on its way.", ct);
            default:
                var password = form["password"].ToString();
                if (email.Length == 0 || password.Length == 0)
                {
                    return page.Show(SignInPage.PasswordView, email, "Enter your email address and your password.", StatusCodes.Status400BadRequest);
                }

                var signedIn = await TrySignInAsync(sender, email, password, ct);
                if (!signedIn.IsSuccess)
                {
                    return page.Show(SignInPage.PasswordView, email, signedIn.Error!.Message, StatusCodes.Status400BadRequest);
                }

                return Results.SignIn(PortalPrincipal(signedIn.Value, request), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
    }

    /// <summary>The identity the app's tokens carry: the portal user's session, accepted by the portal API as any sign-in's.</summary>
    internal static ClaimsPrincipal PortalPrincipal(AuthorizedPortalUser user, OpenIddictRequest request) =>
        TokenServer.AccessTokenPrincipal(
            [
                new Claim(TokenClaims.Subject, user.Subject),
                new Claim(TokenClaims.TenantId, user.TenantId.ToString()),
                new Claim(TokenClaims.SessionId, user.SessionId.ToString()),
                new Claim(TokenClaims.TokenUse, TokenClaims.PortalUse),
            ],
            request.HasScope(OpenIddictConstants.Scopes.OfflineAccess) ? [OpenIddictConstants.Scopes.OfflineAccess] : []);

    private static async Task<Result<AuthorizedPortalUser>> TrySignInAsync(ISender sender, string email, string password, CancellationToken ct)
    {
        try
        {
            return await sender.Send(new SignInForAuthorizationCommand(email, password), ct);
        }
        catch (RequestValidationException)
        {
            return Application.PortalAuth.PortalAuthErrors.InvalidCredentials;
        }
    }

    private static async Task<IResult> SendEmailAsync(PageState page, ISender sender, PortalTokenPurpose purpose, string view, string email, string notice, CancellationToken ct)
    {
        try
        {
            var result = await sender.Send(new RequestPortalEmailCommand(purpose, email), ct);
            return result.IsSuccess ? page.Show(view, email, notice: notice) : page.Show(view, email, result.Error!.Message, StatusCodes.Status400BadRequest);
        }
        catch (RequestValidationException)
        {
            return page.Show(view, email, "Enter a valid email address.", StatusCodes.Status400BadRequest);
        }
    }

    private static IResult Deny(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>Renders the page for one authorization request, with a fresh anti-forgery token each time.</summary>
    private sealed class PageState(HttpContext http, IAntiforgery antiforgery, PublicPortalDto portal, OpenIddictRequest request)
    {
        public IResult Show(string view, string? email = null, string? error = null, int status = StatusCodes.Status200OK, string? notice = null)
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            var parameters = request.GetParameters()
                .Where(p => !PageFields.Contains(p.Key) && p.Key != tokens.FormFieldName)
                .Select(p => new KeyValuePair<string, string>(p.Key, (string?)p.Value ?? string.Empty))
                .ToList();
            var html = SignInPage.Render(
                new SignInPageModel(portal.Branding, portal.SignInMethods, parameters, tokens.FormFieldName, tokens.RequestToken!, view, email, error, notice),
                out var styleHash);
            var redirect = new Uri(request.RedirectUri!, UriKind.Absolute);
            var redirectOrigin = redirect.Scheme is "http" or "https" ? redirect.GetLeftPart(UriPartial.Authority) : redirect.Scheme + ":";
            http.Response.Headers.ContentSecurityPolicy = SignInPage.ContentSecurityPolicy(styleHash, redirectOrigin);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
        }
    }
}

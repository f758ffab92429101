using System.Security.Claims;
using HeadlessPortal.Api.Auth;
using HeadlessPortal.Application.Common.Errors;
using IResult = Microsoft.AspNetCore.Http.IResult;
using HeadlessPortal.Application.OAuthApps.GetOAuthAppTenant;
using HeadlessPortal.Application.PortalAuth.RequestPortalEmail;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalAuth.RedeemMagicLinkForAuthorization;
using HeadlessPortal.Application.PortalAuth.SignInForAuthorization;
using HeadlessPortal.Application.PortalAuth.SignInWithPortalLinkForAuthorization;
using HeadlessPortal.Application.PublicPortal.GetPublicPortal;
using HeadlessPortal.Domain.Portal;
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
    /// <summary>The page's own fields (and a magic link's), never carried on as parameters of the authorization request.</summary>
    private static readonly HashSet<string> PageFields = ["email", "password", "hp_action", "view", "portal_link", "last_four", PortalEmails.SignInPageTokenParameter, MagicLinkBinding.LinkParameter];

    internal static bool IsPageField(string name) => PageFields.Contains(name);

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
        var methods = portal.Value.SignInMethods;
        if (HttpMethods.IsGet(http.Request.Method))
        {
            return http.Request.Query.ContainsKey(PortalEmails.SignInPageTokenParameter)
                ? await RedeemMagicLinkAsync(http, page, sender, request, methods, ct)
                : page.Show(SignInPage.ViewFor(null, methods));
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return page.Show(SignInPage.ViewFor(null, methods), error: "This page had expired. Please try again.", status: StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(ct);
        var email = form["email"].ToString().Trim();
        var action = form["hp_action"].ToString();

        // A form of a method the tenant no longer offers shows the page as it is now.
        if (action is SignInPage.MagicLinkView or SignInPage.PortalLinkView or SignInPage.PasswordView && SignInPage.ViewFor(action, methods) != action)
        {
            return page.Show(SignInPage.ViewFor(null, methods), error: "That way of signing in is not offered here.", status: StatusCodes.Status400BadRequest);
        }

        switch (action)
        {
            case "show":
                return page.Show(SignInPage.ViewFor(form["view"].ToString(), methods));
            case "invitation":
                return await SendEmailAsync(page, sender, PortalTokenPurpose.Invitation, SignInPage.InvitationView, email,
                    "If that address may use the portal, an invitation is on its way. Follow its link, then come back here to sign in.", null, ct);
            case "reset":
                return await SendEmailAsync(page, sender, PortalTokenPurpose.PasswordReset, SignInPage.ResetView, email,
                    "If that address has an account, a link to set a new password is on its way.", null, ct);
            case SignInPage.MagicLinkView:
                return await SendEmailAsync(page, sender, PortalTokenPurpose.MagicLink, SignInPage.MagicLinkView, email,
                    $"If that address may use the portal, a sign-in link is on its way. Open it in this browser within {(int)PortalToken.LifetimeOf(PortalTokenPurpose.MagicLink).TotalMinutes} minutes to finish signing in.",
                    MagicLinkBinding.Start(http, request), ct);
            case SignInPage.PortalLinkView:
                var link = form["portal_link"].ToString().Trim();
                var signedInByLink = await TrySendAsync(sender, new SignInWithPortalLinkForAuthorizationCommand(PortalLinkToken(link), form["last_four"].ToString().Trim()), ct);
                return signedInByLink.IsSuccess
                    ? SignIn(signedInByLink.Value, request)
                    : page.Show(SignInPage.PortalLinkView, error: signedInByLink.Error!.Message, status: StatusCodes.Status400BadRequest, portalLink: link);
            default:
                var password = form["password"].ToString();
                if (email.Length == 0 || password.Length == 0)
                {
                    return page.Show(SignInPage.PasswordView, email, "Enter your email address and your password.", StatusCodes.Status400BadRequest);
                }

                var signedIn = await TrySendAsync(sender, new SignInForAuthorizationCommand(email, password), ct, Application.PortalAuth.PortalAuthErrors.InvalidCredentials);
                if (!signedIn.IsSuccess)
                {
                    return page.Show(SignInPage.PasswordView, email, signedIn.Error!.Message, StatusCodes.Status400BadRequest);
                }

                return SignIn(signedIn.Value, request);
        }
    }

    /// <summary>
    /// A magic link asked for on this page, opened again: it completes the request it was asked for from (its parameters
    /// are in the link) only in the browser that asked, the one holding the binding cookie. Opened anywhere else it is
    /// not spent, so the right browser can still use it.
    /// </summary>
    private static async Task<IResult> RedeemMagicLinkAsync(HttpContext http, PageState page, ISender sender, OpenIddictRequest request, IReadOnlyList<SignInMethod> methods, CancellationToken ct)
    {
        if (!methods.Contains(SignInMethod.MagicLink))
        {
            return page.Show(SignInPage.ViewFor(null, methods), error: "That way of signing in is not offered here.", status: StatusCodes.Status400BadRequest);
        }

        if (!MagicLinkBinding.Matches(http))
        {
            return page.Show(SignInPage.MagicLinkView, status: StatusCodes.Status400BadRequest,
                error: "Open this link in the browser where you asked for it. To sign in here instead, ask for a new link.");
        }

        var token = http.Request.Query[PortalEmails.SignInPageTokenParameter].ToString();
        var signedIn = await TrySendAsync(sender, new RedeemMagicLinkForAuthorizationCommand(token), ct);
        if (!signedIn.IsSuccess)
        {
            return page.Show(SignInPage.MagicLinkView, error: signedIn.Error!.Message, status: StatusCodes.Status400BadRequest);
        }

        MagicLinkBinding.End(http);
        return SignIn(signedIn.Value, request);
    }

    /// <summary>The token of a portal link pasted whole (its token= parameter), or the text as it is.</summary>
    internal static string PortalLinkToken(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue("token", out var token) ? token.ToString() : string.Empty
            : text;

    private static IResult SignIn(AuthorizedPortalUser user, OpenIddictRequest request) =>
        Results.SignIn(PortalPrincipal(user, request), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

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

    /// <summary>Sends a sign-in command; a field the validator refuses is shown as its message (or as <paramref name="invalid"/>).</summary>
    private static async Task<Result<AuthorizedPortalUser>> TrySendAsync(ISender sender, ICommand<Result<AuthorizedPortalUser>> command, CancellationToken ct, Error? invalid = null)
    {
        try
        {
            return await sender.Send(command, ct);
        }
        catch (RequestValidationException e)
        {
            return invalid ?? new Error(ErrorKind.Unprocessable, "validation_failed", e.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? "Check what you entered.");
        }
    }

    private static async Task<IResult> SendEmailAsync(PageState page, ISender sender, PortalTokenPurpose purpose, string view, string email, string notice, string? returnLink, CancellationToken ct)
    {
        try
        {
            var result = await sender.Send(new RequestPortalEmailCommand(purpose, email, returnLink), ct);
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
        public IResult Show(string view, string? email = null, string? error = null, int status = StatusCodes.Status200OK, string? notice = null, string? portalLink = null)
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            var parameters = MagicLinkBinding.RequestParameters(http, request).ToList();
            var html = SignInPage.Render(
                new SignInPageModel(portal.Branding, portal.SignInMethods, parameters, tokens.FormFieldName, tokens.RequestToken!, view, email, portalLink, error, notice),
                out var styleHash);
            var redirect = new Uri(request.RedirectUri!, UriKind.Absolute);
            var redirectOrigin = redirect.Scheme is "http" or "https" ? redirect.GetLeftPart(UriPartial.Authority) : redirect.Scheme + ":";
            http.Response.Headers.ContentSecurityPolicy = SignInPage.ContentSecurityPolicy(styleHash, redirectOrigin, portal.Branding.LogoUrl);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
        }
    }
}

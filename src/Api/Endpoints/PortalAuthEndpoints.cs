using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.PortalAuth;
using HeadlessPortal.Application.PortalAuth.ChangePassword;
using HeadlessPortal.Application.PortalAuth.GetPortalMe;
using HeadlessPortal.Application.PortalAuth.RedeemEmailLink;
using HeadlessPortal.Application.PortalAuth.RefreshPortalTokens;
using HeadlessPortal.Application.PortalAuth.RequestPortalEmail;
using HeadlessPortal.Application.PortalAuth.SignInWithPassword;
using HeadlessPortal.Application.PortalAuth.SignInWithPortalLink;
using HeadlessPortal.Application.PortalAuth.SignOut;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Email and password.</summary>
/// <param name="Email">The email the company has on file.</param>
/// <param name="Password">The password.</param>
public sealed record SignInRequest(string Email, string Password);

/// <summary>A refresh token.</summary>
/// <param name="RefreshToken">From the last token answer; single use.</param>
public sealed record RefreshRequest(string RefreshToken);

/// <summary>An email address to send a link to.</summary>
/// <param name="Email">The address.</param>
public sealed record EmailLinkRequest(string Email);

/// <summary>The token of an emailed link.</summary>
/// <param name="Token">The link's token= value.</param>
public sealed record LinkTokenRequest(string Token);

/// <summary>The token of an emailed link and the password to set.</summary>
/// <param name="Token">The link's token= value.</param>
/// <param name="Password">8 to 128 characters, not a common password. Optional when accepting an invitation if the account already has a password or the portal does not use passwords.</param>
public sealed record LinkWithPasswordRequest(string Token, string? Password);

/// <summary>A customer's portal link and the last four digits of a phone number on the customer record.</summary>
/// <param name="Token">The link's token= value.</param>
/// <param name="LastFour">Four digits.</param>
public sealed record PortalLinkSignInRequest(string Token, string LastFour);

/// <summary>A password change.</summary>
/// <param name="CurrentPassword">The current password (omit when the account has none yet).</param>
/// <param name="NewPassword">8 to 128 characters, not a common password.</param>
public sealed record ChangePasswordRequest(string? CurrentPassword, string NewPassword);

/// <summary>Which session to end.</summary>
/// <param name="RefreshToken">The session's refresh token; when omitted, the session of the access token.</param>
public sealed record SignOutRequest(string? RefreshToken);

/// <summary>
/// How a homeowner gets into the portal. The tenant comes from X-Portal-Key (or ?host=). No endpoint tells
/// whether an email is known: link requests always answer 202, and failed sign-ins one generic 401.
/// </summary>
public static class PortalAuthEndpoints
{
    private static readonly int[] Body = [StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType];

    public static IEndpointRouteBuilder MapPortalAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("/v1/portal")
            .AddEndpointFilter<Portal.PortalAvailabilityFilter>()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError);
        var auth = portal.MapGroup("/auth").WithTags("Portal: sign-in");

        auth.MapPost("/sign-in", async (SignInRequest body, HttpContext http, ISender sender, CancellationToken ct) =>
                Tokens(await sender.Send(new SignInWithPasswordCommand(body.Email, body.Password), ct)))
            .WithName("PortalSignIn").WithSummary("Sign in with email and password")
            .WithDescription("Answers a token pair. Any failure (unknown email, wrong password, account locked after 10 failures in 15 minutes, no customer access) is the same 401 invalid_credentials. 403 sign_in_method_disabled when the portal does not use passwords.")
            .ProducesProblems(Body).ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        auth.MapPost("/refresh", async (RefreshRequest body, HttpContext http, ISender sender, CancellationToken ct) =>
                Tokens(await sender.Send(new RefreshPortalTokensCommand(body.RefreshToken), ct)))
            .WithName("PortalRefresh").WithSummary("Exchange a refresh token for a new token pair")
            .WithDescription("The refresh token is spent: keep the new one. Presenting a spent refresh token again ends its whole session (401 refresh_token_reused), since it may have been copied.")
            .ProducesProblems(Body).ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        auth.MapPost("/magic-link", (EmailLinkRequest body, ISender sender, CancellationToken ct) => RequestEmail(PortalTokenPurpose.MagicLink, body, sender, ct))
            .WithName("PortalRequestMagicLink").WithSummary("Email a sign-in link")
            .WithDescription("Always 202: when the address is a portal contact of a customer and the portal offers magic links, a one-time link valid 10 minutes is emailed (to the front end's /magic-link page, with token=).")
            .ProducesProblems(Body).ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        auth.MapPost("/magic-link/redeem", async (LinkTokenRequest body, HttpContext http, ISender sender, CancellationToken ct) =>
                Tokens(await sender.Send(new RedeemEmailLinkCommand(PortalTokenPurpose.MagicLink, body.Token, null), ct)))
            .WithName("PortalRedeemMagicLink").WithSummary("Sign in with an emailed link")
            .WithDescription("Single use; 422 invalid_link when unknown, used or expired.")
            .ProducesProblems(Body).ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        auth.MapPost("/invitations/request", (EmailLinkRequest body, ISender sender, CancellationToken ct) => RequestEmail(PortalTokenPurpose.Invitation, body, sender, ct))
            .WithName("PortalRequestInvitation").WithSummary("Ask for an invitation")
            .WithDescription("Always 202: when any customer record lists the address as a portal contact, an invitation (valid 7 days) is emailed.")
            .ProducesProblems(Body).ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        auth.MapPost("/invitations/accept", async (LinkWithPasswordRequest body, HttpContext http, ISender sender, CancellationToken ct) =>
                Tokens(await sender.Send(new RedeemEmailLinkCommand(PortalTokenPurpose.Invitation, body.Token, body.Password), ct)))
            .WithName("PortalAcceptInvitation").WithSummary("Accept an invitation and set a password")
            .WithDescription("Single use. Sets the password (8-128 characters, not a common one; 422 invalid_password otherwise, and the link stays usable), marks the email verified and signs in.")
            .ProducesProblems(Body).ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        auth.MapPost("/password-reset", (EmailLinkRequest body, ISender sender, CancellationToken ct) => RequestEmail(PortalTokenPurpose.PasswordReset, body, sender, ct))
            .WithName("PortalRequestPasswordReset").WithSummary("Email a password-reset link")
            .WithDescription("Always 202: when the address may use the portal and the portal uses passwords, a single-use link valid 30 minutes is emailed.")
            .ProducesProblems(Body).ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        auth.MapPost("/password-reset/confirm", async (LinkWithPasswordRequest body, HttpContext http, ISender sender, CancellationToken ct) =>
                Tokens(await sender.Send(new RedeemEmailLinkCommand(PortalTokenPurpose.PasswordReset, body.Token, body.Password), ct)))
            .WithName("PortalConfirmPasswordReset").WithSummary("Set a new password with a reset link")
            .WithDescription("Single use. Ends every other session of the account and signs in.")
            .ProducesProblems(Body).ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        auth.MapPost("/portal-link", async (PortalLinkSignInRequest body, HttpContext http, ISender sender, CancellationToken ct) =>
                Tokens(await sender.Send(new SignInWithPortalLinkCommand(body.Token, body.LastFour), ct)))
            .WithName("PortalLinkSignIn").WithSummary("Sign in with a customer's portal link and phone digits")
            .WithDescription("The link the company texted to the customer, plus the last four digits of a phone number on the customer record. lastFour missing or not four digits: 400 validation_failed. Wrong digits: 401 invalid_credentials; the fifth wrong try locks the link for an hour (403 portal_link_locked). The session sees that one customer only.")
            .ProducesProblems(Body).ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        auth.MapPost("/change-password", async (ChangePasswordRequest body, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(new ChangePasswordCommand(body.CurrentPassword, body.NewPassword), ct);
                return result.IsSuccess ? (Results<NoContent, ProblemHttpResult>)TypedResults.NoContent() : result.Error!.ToProblem();
            })
            .RequireAuthorization(PortalBearerAuthenticationHandler.PolicyName)
            .WithName("PortalChangePassword").WithSummary("Change the password")
            .WithDescription("Every other session of the account ends; this one continues.")
            .ProducesProblems(Body).ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        auth.MapPost("/sign-out", async (SignOutRequest? body, ISender sender, IPortalTokenIssuer tokens, CancellationToken ct) =>
            {
                // The token server's refresh tokens are revoked there, which ends their session; earlier ones by the command.
                if (body?.RefreshToken is { Length: > 0 and <= 4096 } refreshToken
                    && !refreshToken.StartsWith(PortalSessionStarter.LegacyRefreshTokenPrefix, StringComparison.Ordinal))
                {
                    await tokens.RevokeAsync(refreshToken, ct);
                    return (Results<NoContent, ProblemHttpResult>)TypedResults.NoContent();
                }

                return await SignOut(body, everywhere: false, sender, ct);
            })
            .AllowPortalSessionIfPresent()
            .WithName("PortalSignOut").WithSummary("End this session")
            .WithDescription("Ends the session of the given refresh token, or else of the access token. Always 204.")
            .ProducesProblems(Body);

        auth.MapPost("/sign-out-everywhere", (ISender sender, CancellationToken ct) => SignOut(null, everywhere: true, sender, ct))
            .RequireAuthorization(PortalBearerAuthenticationHandler.PolicyName)
            .WithName("PortalSignOutEverywhere").WithSummary("End every session of the account")
            .WithDescription("Signs the account out on every device: every access and refresh token of the user stops working at once.");

        portal.MapGet("/me", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetPortalMeQuery(), ct)))
            .RequireAuthorization(PortalBearerAuthenticationHandler.PolicyName)
            .WithTags("Portal: account")
            .WithName("GetPortalMe").WithSummary("The signed-in user and the customers they can access")
            .WithDescription("One person may be a contact of several customer records (a landlord, a family); each comes with its access level: billing (everything) or serviceOnly (no invoices, payments or estimates).");
        return app;
    }

    private static Results<Ok<PortalTokens>, ProblemHttpResult> Tokens(Application.Common.Errors.Result<PortalTokens> result) => result.ToOk();

    private static async Task<Results<Accepted, ProblemHttpResult>> RequestEmail(PortalTokenPurpose purpose, EmailLinkRequest body, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RequestPortalEmailCommand(purpose, body.Email), ct);
        return result.IsSuccess ? TypedResults.Accepted((string?)null) : result.Error!.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SignOut(SignOutRequest? body, bool everywhere, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new SignOutCommand(body?.RefreshToken, everywhere), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    /// <summary>Authenticates a bearer token when one is sent, without requiring it.</summary>
    private static RouteHandlerBuilder AllowPortalSessionIfPresent(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            await context.HttpContext.AuthenticateAsync(PortalBearerAuthenticationHandler.SchemeName);
            return await next(context);
        });
}

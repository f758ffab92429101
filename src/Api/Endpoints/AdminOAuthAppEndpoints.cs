using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.OAuthApps.CreateOAuthApp;
using HeadlessPortal.Application.OAuthApps.DeleteOAuthApp;
using HeadlessPortal.Application.OAuthApps.GetOAuthApp;
using HeadlessPortal.Application.OAuthApps.ListOAuthApps;
using HeadlessPortal.Application.OAuthApps.UpdateOAuthApp;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>A new front-end app.</summary>
/// <param name="Name">What it is, such as "Company website".</param>
/// <param name="ClientType">public (a browser or mobile app: no secret, PKCE only) or confidential (a server: a secret, shown once, plus PKCE).</param>
/// <param name="RedirectUris">1 to 10 redirect URIs; a sign-in's redirect_uri must equal one exactly.</param>
/// <param name="AllowedOrigins">Browser origins that may call the token endpoint from script, such as https://www.acme-hvac.example.</param>
public sealed record OAuthAppRequest(string Name, string ClientType, IReadOnlyList<string> RedirectUris, IReadOnlyList<string>? AllowedOrigins);

/// <summary>A front-end app's new name, redirect URIs and origins.</summary>
/// <param name="Name">What it is.</param>
/// <param name="RedirectUris">1 to 10 redirect URIs, matched exactly.</param>
/// <param name="AllowedOrigins">Browser origins.</param>
public sealed record OAuthAppUpdateRequest(string Name, IReadOnlyList<string> RedirectUris, IReadOnlyList<string>? AllowedOrigins);

/// <summary>
/// Front-end apps of the tenant (the company's website, an agency's app): they sign portal users in through the hosted
/// sign-in page with the authorization code flow and PKCE, and never see a password.
/// </summary>
public static class AdminOAuthAppEndpoints
{
    private static readonly int[] BodyProblems = [StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType];

    public static IEndpointRouteBuilder MapAdminOAuthAppEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/admin/oauth-apps").WithTags("Admin: OAuth apps")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);

        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListOAuthAppsQuery(), ct)))
            .WithName("ListOAuthApps").WithSummary("List front-end apps")
            .WithDescription("The tenant's apps that sign portal users in with the authorization code flow and PKCE, oldest first, as one complete page (hasMore false). Secrets are never shown again.")
            .RequireScope(Scopes.SettingsRead);

        group.MapPost("/", async ([FromBody] OAuthAppRequest request, ISender sender, CancellationToken ct) =>
                (await sender.Send(new CreateOAuthAppCommand(request.Name, request.ClientType, request.RedirectUris, request.AllowedOrigins), ct))
                    .ToCreated(a => $"/v1/admin/oauth-apps/{a.Id}"))
            .WithName("CreateOAuthApp").WithSummary("Register a front-end app")
            .WithDescription("Answers the app with its client_id. A confidential app's clientSecret is in this answer only. Every app uses PKCE with S256; " +
                "its users sign in on the hosted page at GET /oauth/authorize, branded with the portal settings, and are sent back to one of the redirect URIs, matched exactly.")
            .RequireScope(Scopes.ClientsWrite).ProducesProblems(BodyProblems);

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new GetOAuthAppQuery(id), ct)).ToOk())
            .WithName("GetOAuthApp").WithSummary("Get a front-end app")
            .WithDescription("One app of the tenant; 404 not_found for an app of another tenant.")
            .RequireScope(Scopes.SettingsRead).ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPut("/{id:guid}", async (Guid id, [FromBody] OAuthAppUpdateRequest request, ISender sender, CancellationToken ct) =>
                (await sender.Send(new UpdateOAuthAppCommand(id, request.Name, request.RedirectUris, request.AllowedOrigins), ct)).ToOk())
            .WithName("UpdateOAuthApp").WithSummary("Change a front-end app")
            .WithDescription("Replaces the name, redirect URIs and origins; the client id, type and secret stay. A redirect URI taken away is refused from the next sign-in on.")
            .RequireScope(Scopes.ClientsWrite).ProducesProblems(BodyProblems).ProducesProblems(StatusCodes.Status404NotFound);

        group.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new DeleteOAuthAppCommand(id), ct)).ToOk())
            .WithName("DeleteOAuthApp").WithSummary("Delete a front-end app")
            .WithDescription("Its client id stops working at once: no sign-in, code exchange or refresh with it succeeds. Answers with what was deleted.")
            .RequireScope(Scopes.ClientsWrite).ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }
}

using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.PortalAccess.CreatePortalLink;
using HeadlessPortal.Application.PortalAccess.GetCustomerPortalAccess;
using HeadlessPortal.Application.PortalAccess.InviteContact;
using HeadlessPortal.Application.PortalAccess.RevokeContactAccess;
using HeadlessPortal.Application.PortalAccess.RevokePortalLink;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Portal access on customer records: who may sign in, invitations, revocation and portal links.</summary>
public static class AdminPortalAccessEndpoints
{
    public static IEndpointRouteBuilder MapAdminPortalAccessEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").WithTags("Admin: portal access")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status500InternalServerError);

        admin.MapGet("/customers/{externalId}/portal-access", async (string externalId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetCustomerPortalAccessQuery(externalId), ct)).ToOk())
            .RequireScope(Scopes.CustomersRead)
            .WithName("GetCustomerPortalAccess").WithSummary("Portal access of a customer record")
            .WithDescription("Each portal contact with its status: none, invited (with the invitation date) or active (with the last sign-in), its billing access level and memo; and whether a portal link exists.");

        admin.MapPost("/contacts/{externalId}/invite", async (string externalId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new InviteContactCommand(externalId, Resend: false), ct)).ToOk())
            .RequireScope(Scopes.CustomersWrite)
            .WithName("InviteContact").WithSummary("Invite a contact to the portal")
            .WithDescription("Emails a single-use invitation valid 7 days (earlier invitations of the contact stop working) and restores access revoked before. 409 already_active when the person already uses the portal; 422 email_required for a contact without an email.")
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        admin.MapPost("/contacts/{externalId}/resend-invite", async (string externalId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new InviteContactCommand(externalId, Resend: true), ct)).ToOk())
            .RequireScope(Scopes.CustomersWrite)
            .WithName("ResendContactInvite").WithSummary("Send a contact's invitation again")
            .WithDescription("A new link replaces the earlier one. 409 not_invited unless the contact's status is invited.")
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        admin.MapPost("/contacts/{externalId}/revoke-access", async (string externalId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RevokeContactAccessCommand(externalId), ct)).ToOk())
            .RequireScope(Scopes.CustomersWrite)
            .WithName("RevokeContactAccess").WithSummary("Revoke a contact's portal access")
            .WithDescription("The person stops seeing this customer at once, in every session; someone left with no customer is signed out. Open invitations of the contact stop working. Inviting again restores access.");

        admin.MapPost("/customers/{externalId}/portal-link", async (string externalId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new CreatePortalLinkCommand(externalId), ct)).ToOk())
            .RequireScope(Scopes.CustomersWrite)
            .WithName("CreatePortalLink").WithSummary("Create the customer's portal link")
            .WithDescription("A link to text to the customer: opening it asks for the last four digits of a phone number on the customer record (when the portal offers phoneLastFour sign-in). Shown once; replaces any earlier link. 422 phone_required when the record has no phone.")
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        admin.MapDelete("/customers/{externalId}/portal-link", async (string externalId, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(new RevokePortalLinkCommand(externalId), ct);
                return result.IsSuccess ? (Results<NoContent, ProblemHttpResult>)TypedResults.NoContent() : result.Error!.ToProblem();
            })
            .RequireScope(Scopes.CustomersWrite)
            .WithName("RevokePortalLink").WithSummary("Revoke the customer's portal link")
            .WithDescription("The link stops working and sessions started with it end.");
        return app;
    }
}

using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Errors;
using Mediator;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.PortalAssets;
using HeadlessPortal.Application.PortalAssets.GetPortalAgreement;
using HeadlessPortal.Application.PortalAssets.GetPortalEquipment;
using HeadlessPortal.Application.PortalAssets.GetPortalMembership;
using HeadlessPortal.Application.PortalAssets.ListPortalAgreements;
using HeadlessPortal.Application.PortalAssets.ListPortalEquipment;
using HeadlessPortal.Application.PortalAssets.ListPortalMemberships;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>
/// Equipment, service agreements and memberships of the customers a portal user can access. Service-only users see
/// all of them, without proposals and invoices. Records of other customers or tenants answer 404 like missing ones.
/// </summary>
public static class PortalAssetEndpoints
{
    public static IEndpointRouteBuilder MapPortalAssetEndpoints(this IEndpointRouteBuilder app)
    {
        var equipment = app.MapSignedInPortalGroup("Portal: equipment");
        equipment.MapGet("/equipment", ListEquipment)
            .WithName("ListPortalEquipment").WithSummary("List equipment at the customers' locations")
            .WithDescription("Equipment at the locations of every customer the user can access, in id order, with warranties. Filter by ?locationId= and ?type= " +
                "(ignoring letter case), and search by ?serial=: serials that start with it, ignoring letter case, spaces and punctuation (\"trn-231\" finds TRN23110457).")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        equipment.MapGet("/equipment/{id:guid}", GetEquipment)
            .WithName("GetPortalEquipment").WithSummary("Get a piece of equipment with its service and proposal history")
            .WithDescription("The equipment, the jobs that serviced it (latest first) and the proposals that quoted work on it. Proposals need billing access to the " +
                "customer: for a service-only user the list is always empty. Equipment of customers the user cannot access is 404 not_found.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        var plans = app.MapSignedInPortalGroup("Portal: agreements and memberships");
        plans.MapGet("/agreements", ListAgreements)
            .WithName("ListPortalAgreements").WithSummary("List service agreements")
            .WithDescription("Service agreements of every customer the user can access, in id order, only in the statuses the company shows to customers " +
                "(portal settings, visibleAgreementStatuses; active only by default).")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        plans.MapGet("/agreements/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new GetPortalAgreementQuery(id), ct)).ToOk())
            .WithName("GetPortalAgreement").WithSummary("Get a service agreement with its visits, equipment and invoices")
            .WithDescription("Visits with their status, target date and the job once booked; covered equipment; and, with billing access, its invoices that " +
                "ever had a balance and belong to a business unit the company shows. An agreement in a status the company does not show is 404 not_found.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        plans.MapGet("/memberships", ListMemberships)
            .WithName("ListPortalMemberships").WithSummary("List memberships")
            .WithDescription("Memberships of every customer the user can access, in every status (active, expired, canceled), in id order.")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        plans.MapGet("/memberships/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new GetPortalMembershipQuery(id), ct)).ToOk())
            .WithName("GetPortalMembership").WithSummary("Get a membership with its visits, equipment and invoices")
            .WithDescription("Visits with their status, target date and the job once booked; covered equipment; and, with billing access, its invoices that " +
                "ever had a balance and belong to a business unit the company shows.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    /// <param name="locationId">Only equipment at this location.</param>
    /// <param name="type">Only this type, such as Furnace (ignoring letter case).</param>
    /// <param name="serial">Serials that start with this, ignoring letter case, spaces and punctuation; at least one letter or digit.</param>
    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<CursorPage<PortalEquipmentDto>>> ListEquipment(
        [FromQuery] Guid? locationId, [FromQuery] string? type, [FromQuery] string? serial, [FromQuery] int? limit, [FromQuery] string? after,
        ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPortalEquipmentQuery(locationId, type, serial, limit, after), ct));

    /// <param name="id">The equipment's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<PortalEquipmentDetailDto>, ProblemHttpResult>> GetEquipment(Guid id, ISender sender, CancellationToken ct) =>
        (await sender.Send(new GetPortalEquipmentQuery(id), ct)).ToOk();

    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<CursorPage<PortalAgreementDto>>> ListAgreements([FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPortalAgreementsQuery(limit, after), ct));

    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<CursorPage<PortalMembershipDto>>> ListMemberships([FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPortalMembershipsQuery(limit, after), ct));
}

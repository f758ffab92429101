using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.TextTemplates;
using HeadlessPortal.Application.TextTemplates.ListTextTemplates;
using HeadlessPortal.Application.TextTemplates.PreviewTextTemplate;
using HeadlessPortal.Application.TextTemplates.ResetTextTemplate;
using HeadlessPortal.Application.TextTemplates.UpdateTextTemplate;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The body of PUT /v1/admin/text-templates/{milestone}.</summary>
/// <param name="Body">The text with {Placeholder}s, at most 640 characters.</param>
public sealed record TextTemplateBody(string Body);

/// <summary>The body of a preview: an unsaved draft, or nothing for the template in use.</summary>
/// <param name="Body">The draft; null or empty for the template in use.</param>
public sealed record TextPreviewBody(string? Body);

/// <summary>
/// Text templates (Settings -> Customer Portal -> Texts): the wording of each milestone's text, with a default the tenant
/// may replace. Milestones in URLs are job.booked, technician.dispatched, technician.en_route, work.completed and invoice.sent.
/// </summary>
public static class AdminTextTemplateEndpoints
{
    private const string Placeholders =
        "Placeholders are written {Name}: CompanyName, CustomerName and PortalLink everywhere; JobNumber and ArrivalWindow for jobs and appointments; " +
        "TechnicianFirstName for dispatched, en route and completed; InvoiceNumber, Balance and InvoiceLink (a payment link) for invoice.sent.";

    public static IEndpointRouteBuilder MapAdminTextTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/admin/text-templates").WithTags("Admin: text templates")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);

        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListTextTemplatesQuery(), ct)))
            .WithName("ListTextTemplates").WithSummary("List text templates")
            .WithDescription("Every milestone that texts the customer, in the order of a job's life: the tenant's own wording where it has one (customized: true), " +
                "the default otherwise, the placeholders it may use, and whether the milestone's toggle is on. One complete page (hasMore false).")
            .RequireScope(Scopes.SettingsRead);

        group.MapPut("/{milestone}", async (string milestone, TextTemplateBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new UpdateTextTemplateCommand(milestone, body.Body ?? string.Empty), ct)).ToOk())
            .WithName("UpdateTextTemplate").WithSummary("Replace a text template")
            .WithDescription("Saves the tenant's own wording of this milestone's text. " + Placeholders + " A placeholder the milestone does not offer is 400 validation_failed; " +
                "an unknown milestone is 404.")
            .RequireScope(Scopes.SettingsWrite)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        group.MapDelete("/{milestone}", async (string milestone, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ResetTextTemplateCommand(milestone), ct)) is { IsSuccess: false } failed ? (IResult)failed.Error!.ToProblem() : TypedResults.NoContent())
            .WithName("ResetTextTemplate").WithSummary("Go back to the default text template")
            .WithDescription("Removes the tenant's own wording of this milestone's text; the default is used from now on. 204 whether or not there was one.")
            .RequireScope(Scopes.SettingsWrite)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPost("/{milestone}/preview", async (string milestone, TextPreviewBody? body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new PreviewTextTemplateQuery(milestone, body?.Body), ct)).ToOk())
            .WithName("PreviewTextTemplate").WithSummary("Preview a text")
            .WithDescription("Renders the text as a customer would receive it, with sample values as long as real ones (the invoice link carries a token of a real token's length), " +
                "and says how it is sent: GSM-7 when every character is in the GSM alphabet, UCS-2 otherwise (an emoji or most accented letters), the characters as that encoding counts them, " +
                "and the segments it is sent and billed as (160 GSM-7 or 70 UCS-2 characters in one; 153 or 67 each when longer). Without a body the template in use is rendered; with one, the unsaved draft.")
            .RequireScope(Scopes.SettingsRead)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        return app;
    }
}

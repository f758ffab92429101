using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Api.OpenApi;
using HeadlessPortal.Domain.Portal.Rules;
using Mediator;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.PortalJobs;
using HeadlessPortal.Application.Documents;
using HeadlessPortal.Application.PortalJobs.GetPortalDocumentContent;
using HeadlessPortal.Application.PortalJobs.GetPortalJob;
using HeadlessPortal.Application.PortalJobs.ListPortalJobs;
using HeadlessPortal.Application.PortalJobs.ListPortalLocations;
using HeadlessPortal.Application.Reviews;
using HeadlessPortal.Application.Reviews.SubmitReview;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The customer's jobs by tab, one job with its visits and shared documents, service locations, and document downloads.</summary>
public static class PortalJobEndpoints
{
    public static IEndpointRouteBuilder MapPortalJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapSignedInPortalGroup("Portal: jobs");

        group.MapGet("/jobs", ListJobs)
            .WithName("ListPortalJobs").WithSummary("List jobs in one tab")
            .WithDescription("Jobs of every customer the user can access, newest first, in the tab asked for (required): inProgress, onHold, upcoming, completed or canceled. " +
                "Canceled appointments are ignored unless all are canceled; canceled: every appointment canceled; completed: every remaining one completed; onHold: every " +
                "remaining one on hold; upcoming: every remaining one scheduled and starting in the future, or no visit yet; inProgress: anything else. The canceled tab " +
                "is empty while the company does not show canceled jobs. The first page of upcoming also lists, in unscheduledVisits, agreement visits waiting to be " +
                "scheduled (active agreements, target date today or later, when the company shows them) with the phone number to call, and in bookedAppointments the visits the user booked themselves in the portal " +
                "that the back office has not confirmed with a synced job yet (until their window ends). Appointment times follow the " +
                "company's appointment time display: the arrival window, or the date only.")
            .ProducesProblems(StatusCodes.Status400BadRequest);

        group.MapGet("/jobs/{id:guid}", GetJob)
            .WithName("GetPortalJob").WithSummary("Get a job")
            .WithDescription("The job with its appointments (status, time as the company shows it, technicians), the summary text of its invoice (shown to every user " +
                "of the customer), the invoice itself only with billing access to its Bill-To customer when it is visible to customers, and the documents the company " +
                "shared. A job of a customer the user cannot access, or a canceled job while canceled jobs are hidden, is 404.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPost("/jobs/{id:guid}/review", Review)
            .WithName("SubmitPortalJobReview").WithSummary("Review a completed job")
            .WithDescription("{ rating: 1 to 5, comment? (at most 2000 characters) } for a completed job (every remaining appointment completed) of a customer the " +
                "user can access, once per job and customer: 409 already_reviewed for a second one, whoever sends it. Answers 201 with the review and the company's " +
                "public review page (publicReviewUrl), offered to every reviewer whatever the rating; the office sees it in GET /v1/admin/reviews and the " +
                "review.submitted event goes out. 404 not_found for a job of another customer, unknown or not completed; 404 review_collection_off while the company " +
                "does not collect reviews (features.reviewCollection); 400 validation_failed.")
            .Accepts<SubmitReviewRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        group.MapGet("/locations", ListLocations)
            .WithName("ListPortalLocations").WithSummary("List service locations")
            .WithDescription("The service locations of every customer the user can access, in creation order, with cursor pagination.")
            .ProducesProblems(StatusCodes.Status400BadRequest);

        group.MapGet("/documents/{id:guid}/content", DocumentContent)
            .WithName("GetPortalDocumentContent").WithSummary("Download a shared document")
            .WithDescription("The file of a document the company shared on a job of a customer the user can access, with its content type, an inline " +
                "Content-Disposition naming the file, and an ETag of its SHA-256. Documents that are not shared answer 404.")
            .Produces(StatusCodes.Status200OK, contentType: DocumentContentTypes.Allowed[0], additionalContentTypes: [.. DocumentContentTypes.Allowed.Skip(1)])
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    /// <param name="tab">inProgress, onHold, upcoming, completed or canceled (required).</param>
    /// <param name="limit">Page size, 1-100 (default 25).</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<PortalJobPage>> ListJobs([FromQuery, Required, DocumentedAs(typeof(JobTab))] string? tab, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPortalJobsQuery(tab, limit, after), ct));

    /// <param name="id">The job's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<PortalJobDto>, ProblemHttpResult>> GetJob(Guid id, ISender sender, CancellationToken ct) =>
        (await sender.Send(new GetPortalJobQuery(id), ct)).ToOk();

    /// <param name="id">The job's id.</param>
    /// <param name="body">The rating and comment.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<PortalReviewDto>, ProblemHttpResult>> Review(Guid id, [FromBody] SubmitReviewRequest body, ISender sender, CancellationToken ct) =>
        (await sender.Send(new SubmitReviewCommand(id, body), ct)).ToCreated(r => $"/v1/portal/jobs/{r.JobId}/review");

    /// <param name="limit">Page size, 1-100 (default 25).</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<CursorPage<PortalLocationDto>>> ListLocations([FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPortalLocationsQuery(limit, after), ct));

    /// <param name="id">The document's id.</param>
    /// <param name="context">The request, for its response headers.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<IResult> DocumentContent(Guid id, HttpContext context, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetPortalDocumentContentQuery(id), ct);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var file = result.Value;

        // Images and PDFs open in the browser (inline) and keep their name when saved.
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(file.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(file.Content, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""));
    }
}

using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Reviews.ListReviews;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The reviews customers left in the portal.</summary>
public static class AdminReviewEndpoints
{
    public static IEndpointRouteBuilder MapAdminReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").WithTags("Admin: reviews")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);

        admin.MapGet("/reviews", List)
            .WithName("ListReviews").WithSummary("The reviews customers left")
            .WithDescription(
                "Reviews of completed jobs (job and customer with their back office ids, the portal user, rating, comment), newest first, with summary: the count, " +
                "average rating and ratingCounts (how many of each rating, 1 to 5) of every review the filters match. Filters: ?customerId= (the back office's id), ?rating= 1-5, " +
                "?createdFrom= and ?createdTo= (date-times with an offset; from inclusive, to exclusive). Cursor pagination (?limit= 1-100, default 25; ?after= a " +
                "nextCursor). Times in the company's time zone with their offset. Scope customers:read (what customers said is customer data).")
            .RequireScope(Scopes.CustomersRead)
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <param name="customerId">Only this customer's reviews (the back office's id).</param>
    /// <param name="rating">Only this rating, 1-5.</param>
    /// <param name="createdFrom">Only reviews left at or after this time.</param>
    /// <param name="createdTo">Only reviews left before this time.</param>
    /// <param name="limit">Page size, 1-100 (default 25).</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<ReviewPage>> List(
        [FromQuery] string? customerId, [FromQuery] int? rating, [FromQuery] DateTimeOffset? createdFrom, [FromQuery] DateTimeOffset? createdTo,
        [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListReviewsQuery(customerId, rating, createdFrom, createdTo, limit, after), ct));
}

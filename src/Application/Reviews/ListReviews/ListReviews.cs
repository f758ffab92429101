using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Reviews;
using HeadlessPortal.Domain.Work;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Reviews.ListReviews;

/// <summary>The office's reviews, newest first, with the count and average of every review the filters match.</summary>
/// <param name="CustomerId">Only this customer's (the back office's id).</param>
/// <param name="Rating">Only this rating, 1-5.</param>
/// <param name="CreatedFrom">Only reviews left at or after this time.</param>
/// <param name="CreatedTo">Only reviews left before this time.</param>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListReviewsQuery(string? CustomerId, int? Rating, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, int? Limit, string? After)
    : IQuery<ReviewPage>, IPageRequest;

/// <summary>A page of reviews and the figures of all the reviews the filters match.</summary>
/// <param name="Data">The reviews of this page, newest first.</param>
/// <param name="NextCursor">Pass as ?after= for the next page; null on the last page.</param>
/// <param name="HasMore">Whether another page exists.</param>
/// <param name="Summary">Count, average and count per rating of every review the filters match (all pages).</param>
public sealed record ReviewPage(IReadOnlyList<ReviewDto> Data, string? NextCursor, bool HasMore, ReviewSummaryDto Summary);

/// <summary>What the reviews matching the filters add up to.</summary>
/// <param name="Count">How many.</param>
/// <param name="AverageRating">Their average rating, to two decimals; null when there are none.</param>
/// <param name="RatingCounts">How many of each rating, from 1 to 5 (five numbers: the first counts the 1s).</param>
public sealed record ReviewSummaryDto(int Count, decimal? AverageRating, IReadOnlyList<int> RatingCounts)
{
    public const int MaxRatingCounts = ReviewRules.MaxRating;
}

internal sealed class ListReviewsHandler(IAppDbContext db, ICurrentTenant tenant) : IQueryHandler<ListReviewsQuery, ReviewPage>
{
    public async ValueTask<ReviewPage> Handle(ListReviewsQuery request, CancellationToken cancellationToken)
    {
        var query = db.Set<Review>().AsNoTracking();
        if (request.CustomerId is { } customerId)
        {
            query = query.Where(r => r.CustomerExternalId == customerId);
        }

        if (request.Rating is { } rating)
        {
            query = query.Where(r => r.Rating == rating);
        }

        if (request.CreatedFrom is { } from)
        {
            query = query.Where(r => r.CreatedAt >= from);
        }

        if (request.CreatedTo is { } to)
        {
            query = query.Where(r => r.CreatedAt < to);
        }

        var counts = await query.GroupBy(r => r.Rating).Select(g => new { Rating = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byRating = Enumerable.Range(ReviewRules.MinRating, ReviewRules.MaxRating).Select(r => counts.Where(c => c.Rating == r).Sum(c => c.Count)).ToList();
        var count = byRating.Sum();
        var average = count == 0 ? (decimal?)null : Math.Round(byRating.Select((n, i) => (decimal)n * (i + 1)).Sum() / count, 2, MidpointRounding.AwayFromZero);

        var page = await query.ToCursorPageAsync(request, r => r.Id, r => r, cancellationToken, newestFirst: true);
        var zone = await TenantTime.ZoneAsync(db, tenant.Required(), cancellationToken);
        var jobIds = page.Data.Select(r => r.JobId).Distinct().ToList();
        var customerIds = page.Data.Select(r => r.CustomerId).Distinct().ToList();
        var numbers = await db.Set<Job>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Number, cancellationToken);
        var names = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var data = page.Data.Select(r => new ReviewDto(
            r.Id, new ReviewJobDto(r.JobId, r.JobExternalId, numbers.GetValueOrDefault(r.JobId)), new ReviewCustomerDto(r.CustomerId, r.CustomerExternalId, names.GetValueOrDefault(r.CustomerId)),
            r.PortalUserId, r.Rating, r.Comment, r.CreatedAt.In(zone))).ToList();
        return new ReviewPage(data, page.NextCursor, page.HasMore, new ReviewSummaryDto(count, average, byRating));
    }
}

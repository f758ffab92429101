using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.EstimateLinks.ListEstimateLinks;

/// <summary>A customer's estimate links, newest first, without their tokens.</summary>
/// <param name="CustomerExternalId">The customer's id in the back office.</param>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListEstimateLinksQuery(string CustomerExternalId, int? Limit, string? After) : IQuery<Result<CursorPage<EstimateLinkDto>>>, IPageRequest;

internal sealed class ListEstimateLinksHandler(IAppDbContext db, IClock clock) : IQueryHandler<ListEstimateLinksQuery, Result<CursorPage<EstimateLinkDto>>>
{
    public async ValueTask<Result<CursorPage<EstimateLinkDto>>> Handle(ListEstimateLinksQuery request, CancellationToken cancellationToken)
    {
        // The office still sees the links of a customer the back office removed (they show nothing any more).
        var customer = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
            .Where(c => c.ExternalId == request.CustomerExternalId).Select(c => new { c.Id }).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return Error.NotFound("customer");
        }

        var now = clock.UtcNow;
        return await db.Set<EstimateLink>().AsNoTracking().Where(l => l.CustomerId == customer.Id)
            .ToCursorPageAsync(request, l => l.Id, l => EstimateLinkDto.From(l, now), cancellationToken, newestFirst: true);
    }
}

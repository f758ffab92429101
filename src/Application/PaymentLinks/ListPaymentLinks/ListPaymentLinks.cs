using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PaymentLinks.ListPaymentLinks;

/// <summary>An invoice's payment links, newest first, without their tokens.</summary>
/// <param name="InvoiceExternalId">The invoice's id in the back office.</param>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListPaymentLinksQuery(string InvoiceExternalId, int? Limit, string? After) : IQuery<Result<CursorPage<PaymentLinkDto>>>, IPageRequest;

internal sealed class ListPaymentLinksHandler(IAppDbContext db, IClock clock) : IQueryHandler<ListPaymentLinksQuery, Result<CursorPage<PaymentLinkDto>>>
{
    public async ValueTask<Result<CursorPage<PaymentLinkDto>>> Handle(ListPaymentLinksQuery request, CancellationToken cancellationToken)
    {
        // The office still sees the links of an invoice the back office removed (they no longer work).
        var invoice = await db.Set<Invoice>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
            .Where(i => i.ExternalId == request.InvoiceExternalId).Select(i => new { i.Id }).SingleOrDefaultAsync(cancellationToken);
        if (invoice is null)
        {
            return Error.NotFound("invoice");
        }

        var now = clock.UtcNow;
        return await db.Set<PaymentLink>().AsNoTracking().Where(l => l.InvoiceId == invoice.Id)
            .ToCursorPageAsync(request, l => l.Id, l => PaymentLinkDto.From(l, now), cancellationToken, newestFirst: true);
    }
}

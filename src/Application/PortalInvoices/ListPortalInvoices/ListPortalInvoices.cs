using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using Mediator;

namespace HeadlessPortal.Application.PortalInvoices.ListPortalInvoices;

/// <summary>
/// The invoices the signed-in user may see (PRODUCT.md#invoice-visibility): unpaid first, then the newest issue date. A
/// <paramref name="BillToCustomerId"/> the user has no billing access to lists nothing, as an unknown id does.
/// </summary>
public sealed record ListPortalInvoicesQuery(Guid? BillToCustomerId, string? Status, int? Limit, string? After) : IQuery<CursorPage<PortalInvoiceSummaryDto>>;

internal sealed class ListPortalInvoicesHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<ListPortalInvoicesQuery, CursorPage<PortalInvoiceSummaryDto>>
{
    public async ValueTask<CursorPage<PortalInvoiceSummaryDto>> Handle(ListPortalInvoicesQuery request, CancellationToken cancellationToken)
    {
        var customers = (await viewer.CustomersAsync(cancellationToken))
            .Where(c => c.AccessLevel == Domain.Customers.AccessLevel.Billing && (request.BillToCustomerId is null || c.Id == request.BillToCustomerId))
            .ToDictionary(c => c.Id, c => c.Name);
        if (customers.Count == 0)
        {
            return new CursorPage<PortalInvoiceSummaryDto>([], null, false);
        }

        var settings = await viewer.SettingsAsync(cancellationToken);
        var limit = request.Limit ?? PageLimits.Default;
        InvoiceKey.TryDecode(request.After, out var after);
        var rows = await VisibleInvoices.ReadAsync(
            db, customers.Keys.ToList(), settings, request.Status ?? PortalInvoiceStatus.All, after, limit + 1, cancellationToken);
        var accountConnected = rows.Count > 0 && await viewer.PaymentAccountConnectedAsync(cancellationToken);

        var hasMore = rows.Count > limit;
        var page = hasMore ? rows.Take(limit).ToList() : rows;
        return new CursorPage<PortalInvoiceSummaryDto>(
            page.Select(r => ToDto(r, customers[r.BillToId], PayableNow.Of(settings, accountConnected, r.Balance, r.PaymentHold, r.Currency))).ToList(),
            hasMore ? page[^1].Key.Encode() : null,
            hasMore);
    }

    internal static PortalInvoiceSummaryDto ToDto(InvoiceRow row, string billToName, PayableNow payable) =>
        new(row.Id, row.Number, PortalInvoiceStatus.Of(row.Balance), row.IssueDate, row.DueDate, new InvoiceBillToDto(row.BillToId, billToName),
            new MoneyDocument(row.Total, row.Currency), new MoneyDocument(row.Balance, row.Currency), payable.AmountPending, payable.PayableAmount, payable.Status.IsPayable,
            row.Summary, row.JobId);
}

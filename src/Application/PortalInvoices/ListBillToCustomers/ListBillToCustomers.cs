using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using Mediator;

namespace HeadlessPortal.Application.PortalInvoices.ListBillToCustomers;

/// <summary>
/// The customers whose invoices the signed-in user may see, with what each owes: those with unpaid invoices first,
/// then by name. A user has few customers: one complete page.
/// </summary>
public sealed record ListBillToCustomersQuery : IQuery<CursorPage<BillToCustomerDto>>;

internal sealed class ListBillToCustomersHandler(IAppDbContext db, PortalViewer viewer, ICurrentTenant tenant, IClock clock)
    : IQueryHandler<ListBillToCustomersQuery, CursorPage<BillToCustomerDto>>
{
    public async ValueTask<CursorPage<BillToCustomerDto>> Handle(ListBillToCustomersQuery request, CancellationToken cancellationToken)
    {
        var customers = (await viewer.CustomersAsync(cancellationToken)).Where(c => c.AccessLevel == Domain.Customers.AccessLevel.Billing).ToList();
        if (customers.Count == 0)
        {
            return CursorPage.Complete<BillToCustomerDto>([]);
        }

        var context = await PortalContext.LoadAsync(db, tenant, clock, cancellationToken);
        var settings = context.Settings;
        var currency = context.Account.Currency;
        var open = await VisibleInvoices.OpenBalancesAsync(db, customers.Select(c => c.Id).ToList(), settings.VisibleBusinessUnitIds, cancellationToken);

        // PRODUCT.md#invoice-visibility: customers with unpaid invoices first, then by name.
        return CursorPage.Complete(customers
            .Select(c => new BillToCustomerDto(c.Id, c.Name, new MoneyDocument(open[c.Id].Balance, currency), open[c.Id].Count))
            .OrderBy(c => c.UnpaidInvoiceCount > 0 ? 0 : 1)
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Id)
            .ToList());
    }
}

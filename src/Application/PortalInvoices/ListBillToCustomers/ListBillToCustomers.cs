using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Portal.Rules;
using Mediator;

namespace HeadlessPortal.Application.PortalInvoices.ListBillToCustomers;

/// <summary>
/// The customers whose invoices the signed-in user may see, with what each owes: those with unpaid invoices first,
/// then by name. A user has few customers: one complete page.
/// </summary>
public sealed record ListBillToCustomersQuery : IQuery<CursorPage<BillToCustomerDto>>;

internal sealed class ListBillToCustomersHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<ListBillToCustomersQuery, CursorPage<BillToCustomerDto>>
{
    public async ValueTask<CursorPage<BillToCustomerDto>> Handle(ListBillToCustomersQuery request, CancellationToken cancellationToken)
    {
        var customers = (await viewer.CustomersAsync(cancellationToken)).Where(c => c.AccessLevel == Domain.Customers.AccessLevel.Billing).ToList();
        if (customers.Count == 0)
        {
            return CursorPage.Complete<BillToCustomerDto>([]);
        }

        var context = await viewer.ContextAsync(cancellationToken);
        var settings = context.Settings;

        // With invoice & payment off customers see no invoices, so no customer to see them of (PRODUCT.md#invoice-visibility).
        if (!InvoiceVisibility.InvoicesShown(settings.Features))
        {
            return CursorPage.Complete<BillToCustomerDto>([]);
        }

        var currency = context.Account.Currency;
        var open = await VisibleInvoices.OpenBalancesAsync(db, customers.Select(c => c.Id).ToList(), settings, cancellationToken);
        var ready = Payable.OnlinePaymentsReady(settings.OnlinePaymentsEnabled, await viewer.PaymentAccountConnectedAsync(cancellationToken));

        BillToCustomerDto ToDto(Guid id, string name)
        {
            var sums = open[id];
            var payable = ready ? sums.Balance - sums.Pending : 0;
            return new BillToCustomerDto(
                id, name, new MoneyDocument(sums.Balance, currency), new MoneyDocument(sums.Pending, currency), new MoneyDocument(payable, currency),
                payable > 0, sums.Count);
        }

        // PRODUCT.md#invoice-visibility: customers with unpaid invoices first, then by name.
        return CursorPage.Complete(customers
            .Select(c => ToDto(c.Id, c.Name))
            .OrderBy(c => c.UnpaidInvoiceCount > 0 ? 0 : 1)
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Id)
            .ToList());
    }
}

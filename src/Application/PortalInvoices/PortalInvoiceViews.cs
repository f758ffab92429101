using HeadlessPortal.Application.Billing;
using HeadlessPortal.Domain.Portal.Rules;

namespace HeadlessPortal.Application.PortalInvoices;

/// <summary>Invoice statuses as customers see them.</summary>
public static class PortalInvoiceStatus
{
    /// <summary>A balance is due.</summary>
    public const string Open = "open";

    /// <summary>Nothing is due any more.</summary>
    public const string Paid = "paid";

    /// <summary>The list filter value that keeps both.</summary>
    public const string All = "all";

    public static string Of(long balance) => balance > 0 ? Open : Paid;
}

/// <summary>A customer whose invoices the user may see and pay.</summary>
/// <param name="Id">The customer's id (use it as ?billToCustomerId= on the invoice list).</param>
/// <param name="Name">The customer's name.</param>
/// <param name="OpenBalance">Sum of the balances of the customer's invoices the user can see, in the company's currency.</param>
/// <param name="AmountPending">What online payments under way (such as a bank debit still processing) hold of that balance: paid, not settled yet.</param>
/// <param name="PayableAmount">What can be paid online now: the open balance less what is pending; zero when online payment is not possible.</param>
/// <param name="Payable">Whether anything can be paid online now.</param>
/// <param name="UnpaidInvoiceCount">How many of those invoices have a balance.</param>
public sealed record BillToCustomerDto(Guid Id, string Name, MoneyDocument OpenBalance, MoneyDocument AmountPending, MoneyDocument PayableAmount, bool Payable, int UnpaidInvoiceCount);

/// <summary>Where an invoice's balance stands for paying online: what payments under way hold, and what a new payment may take.</summary>
/// <param name="Status">Whether it can be paid now, and why not.</param>
/// <param name="AmountPending">What payments under way hold of the balance.</param>
/// <param name="PayableAmount">What a new payment may take now (zero when it cannot be paid now).</param>
internal sealed record PayableNow(PayableStatus Status, MoneyDocument AmountPending, MoneyDocument PayableAmount)
{
    public static PayableNow Of(Domain.Portal.PortalSettings settings, bool accountConnected, long balance, long paymentHold, string currency)
    {
        var status = Payable.Check(settings.OnlinePaymentsEnabled, accountConnected, settings.Features, balance, paymentHold);
        return new PayableNow(
            status,
            new MoneyDocument(Payable.AmountPending(balance, paymentHold), currency),
            new MoneyDocument(Payable.AmountPayableNow(status, balance, paymentHold), currency));
    }
}

/// <summary>A customer an invoice is billed to.</summary>
/// <param name="Id">The customer's id.</param>
/// <param name="Name">The customer's name.</param>
public sealed record InvoiceBillToDto(Guid Id, string Name);

/// <summary>An invoice in a list.</summary>
/// <param name="Id">The invoice's id.</param>
/// <param name="Number">The number printed on the invoice.</param>
/// <param name="Status">open (a balance is due) or paid.</param>
/// <param name="IssueDate">When it was issued.</param>
/// <param name="DueDate">When payment is due, when the company set one.</param>
/// <param name="BillTo">Who it is billed to.</param>
/// <param name="Total">The invoice total.</param>
/// <param name="Balance">What is still due.</param>
/// <param name="AmountPending">What online payments under way (such as a bank debit still processing) hold of the balance: paid, not settled yet.</param>
/// <param name="PayableAmount">What can be paid online now: the balance less what is pending; zero when it cannot be paid online now.</param>
/// <param name="Payable">Whether it can be paid online now (the detail says why not).</param>
/// <param name="Summary">The work billed, in the company's words.</param>
/// <param name="JobId">The job it bills, if any.</param>
public sealed record PortalInvoiceSummaryDto(
    Guid Id, string Number, string Status, DateOnly IssueDate, DateOnly? DueDate, InvoiceBillToDto BillTo,
    MoneyDocument Total, MoneyDocument Balance, MoneyDocument AmountPending, MoneyDocument PayableAmount, bool Payable, string? Summary, Guid? JobId);

/// <summary>A payment the office recorded against the invoice.</summary>
/// <param name="Amount">The amount paid.</param>
/// <param name="PaidAt">When it was paid.</param>
/// <param name="Method">How (cash, check, card...), as the office wrote it.</param>
/// <param name="Reference">The office's reference, such as a check number.</param>
public sealed record PortalPaymentDto(MoneyDocument Amount, DateTimeOffset PaidAt, string? Method, string? Reference);

/// <summary>The job an invoice bills.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Number">The job number.</param>
/// <param name="Summary">The work done, in the company's words.</param>
public sealed record InvoiceJobDto(Guid Id, string Number, string? Summary);

/// <summary>Where the work was done.</summary>
/// <param name="Id">The location's id.</param>
/// <param name="Name">The location's name, if it has one.</param>
/// <param name="Address">Its address.</param>
public sealed record InvoiceLocationDto(Guid Id, string? Name, Sync.AddressDocument Address);

/// <summary>Whether the invoice can be paid now in the portal.</summary>
/// <param name="Payable">True when a payment may start.</param>
/// <param name="Reason">Why not: payments_disabled (online payments off or no payment account connected), invoice_payment_off (the company does not take invoice payments in the portal), nothing_due (no balance), payment_in_progress (payments under way hold all of the balance); null when payable.</param>
/// <param name="PartialPaymentsAllowed">Whether less than the balance may be paid; otherwise the amount is exactly the balance.</param>
/// <param name="MinimumAmount">The least a partial payment may be; only when partial payments are allowed and something is due beyond what payments under way hold.</param>
public sealed record InvoicePaymentOptionsDto(bool Payable, string? Reason, bool PartialPaymentsAllowed, MoneyDocument? MinimumAmount);

/// <summary>One invoice with everything a customer sees of it.</summary>
/// <param name="Id">The invoice's id.</param>
/// <param name="Number">The number printed on the invoice.</param>
/// <param name="Status">open (a balance is due) or paid.</param>
/// <param name="IssueDate">When it was issued.</param>
/// <param name="DueDate">When payment is due, when the company set one.</param>
/// <param name="BillTo">Who it is billed to.</param>
/// <param name="Summary">The work billed, in the company's words.</param>
/// <param name="Lines">The billed lines.</param>
/// <param name="Subtotal">Sum of the lines.</param>
/// <param name="Tax">Tax.</param>
/// <param name="Total">Subtotal plus tax.</param>
/// <param name="AmountPaid">Total minus balance.</param>
/// <param name="Balance">What is still due.</param>
/// <param name="AmountPending">What online payments under way (such as a bank debit still processing) hold of the balance: paid, not settled yet.</param>
/// <param name="PayableAmount">What can be paid online now: the balance less what is pending; zero when it cannot be paid online now (payment.reason says why).</param>
/// <param name="Payments">Payments recorded by the office, oldest first.</param>
/// <param name="Job">The job it bills, if any.</param>
/// <param name="Location">Where the work was done, if known.</param>
/// <param name="Payment">Whether it can be paid now, and how.</param>
public sealed record PortalInvoiceDto(
    Guid Id, string Number, string Status, DateOnly IssueDate, DateOnly? DueDate, InvoiceBillToDto BillTo, string? Summary,
    IReadOnlyList<LineDocument> Lines, MoneyDocument Subtotal, MoneyDocument Tax, MoneyDocument Total, MoneyDocument AmountPaid, MoneyDocument Balance,
    MoneyDocument AmountPending, MoneyDocument PayableAmount, IReadOnlyList<PortalPaymentDto> Payments, InvoiceJobDto? Job, InvoiceLocationDto? Location, InvoicePaymentOptionsDto Payment);

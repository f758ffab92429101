using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Payments;

namespace HeadlessPortal.Application.Payments;

/// <summary>A payment as the customer sees it.</summary>
/// <param name="Id">The payment's id.</param>
/// <param name="Status">pending, requiresAction, processing, succeeded, failed or canceled.</param>
/// <param name="Amount">The total.</param>
/// <param name="Method">card or usBankAccount.</param>
/// <param name="BillTo">The customer billed.</param>
/// <param name="Invoices">What it paid.</param>
/// <param name="ClientSecret">Only while requiresAction.</param>
/// <param name="Failure">Only when failed.</param>
/// <param name="CreatedAt">When it was started.</param>
/// <param name="CompletedAt">When it succeeded, failed or was canceled.</param>
public sealed record PortalPaymentDetailDto(
    Guid Id, PaymentStatus Status, MoneyDocument Amount, PaymentMethodKind Method, PortalInvoices.InvoiceBillToDto BillTo,
    IReadOnlyList<PaymentInvoiceDto> Invoices, string? ClientSecret, PaymentFailureDto? Failure, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>The part of a payment that went to one invoice.</summary>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="Number">Its number.</param>
/// <param name="Amount">Paid on it.</param>
public sealed record PaymentInvoiceDto(Guid InvoiceId, string Number, MoneyDocument Amount);

internal static class PortalPaymentViews
{
    public static PortalPaymentDetailDto Detail(Payment payment, string billToName, TimeZoneInfo zone)
    {
        var result = PaymentResultDto.From(payment);
        return new PortalPaymentDetailDto(
            payment.Id, payment.Status, result.Amount, payment.MethodKind, new PortalInvoices.InvoiceBillToDto(payment.CustomerId, billToName),
            payment.Allocations.Select(a => new PaymentInvoiceDto(a.InvoiceId, a.InvoiceNumber, new MoneyDocument(a.Amount, payment.Currency))).ToList(),
            result.ClientSecret, result.Failure, payment.CreatedAt.In(zone), payment.CompletedAt.In(zone));
    }
}

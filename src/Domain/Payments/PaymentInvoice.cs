using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Payments;

/// <summary>
/// One invoice a payment is for, kept as a row beside the payment (whose allocations are a JSON column) so the office
/// can find an invoice's payments through an index. Written with the payment, never changed: allocations are fixed
/// when a payment starts.
/// </summary>
public sealed class PaymentInvoice : ITenantOwned
{
    private PaymentInvoice()
    {
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public Guid PaymentId { get; private set; }

    public Guid InvoiceId { get; private set; }

    /// <summary>One row per invoice the payment allocates to.</summary>
    public static IEnumerable<PaymentInvoice> For(Payment payment) =>
        payment.Allocations.Select(a => new PaymentInvoice
        {
            Id = UuidV7.NewGuid(),
            TenantId = payment.TenantId,
            PaymentId = payment.Id,
            InvoiceId = a.InvoiceId,
        });
}

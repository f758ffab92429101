using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Payments;

public sealed class PaymentInvoiceTests
{
    [Fact]
    public void For_APayment_GivesOneRowPerInvoiceItPays()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var payment = Payment.Start(
            TenantId.New(), Guid.NewGuid(), "usd", [new(first, "inv-1", "INV-1", null, null, 4_000), new(second, "inv-2", "INV-2", null, null, 1_000)],
            PaymentMethodKind.Card, "pm_card_visa", null, null, null, PaymentChannel.Portal, Guid.NewGuid(), null, "user", "key-1", "hash", null,
            new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

        var rows = PaymentInvoice.For(payment).ToList();

        Assert.Equal([first, second], rows.Select(r => r.InvoiceId));
        Assert.All(rows, r => Assert.Equal(payment.Id, r.PaymentId));
        Assert.All(rows, r => Assert.Equal(payment.TenantId, r.TenantId));
        Assert.Equal(2, rows.Select(r => r.Id).Distinct().Count());
    }
}

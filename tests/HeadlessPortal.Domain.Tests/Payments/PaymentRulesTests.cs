using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Payments;

public sealed class PaymentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly InvoiceLinks Links = new(new Ref(Guid.CreateVersion7(), "c1"), null, null, null);

    private static Invoice Invoice(long balance, params RecordedPayment[] payments) =>
        Domain.Billing.Invoice.Create(TenantId.New(), "inv-1", "INV-1", Links, new DateOnly(2026, 11, 1), null,
            new InvoiceAmounts("usd", [new LineItem("Work", 1, 10_000, 10_000)], 10_000, 0, 10_000, balance, payments), null, Now);

    private static void Sync(Invoice invoice, long balance, params RecordedPayment[] payments) =>
        invoice.Update("INV-1", Links, new DateOnly(2026, 11, 1), null,
            new InvoiceAmounts("usd", [new LineItem("Work", 1, 10_000, 10_000)], 10_000, 0, 10_000, balance, payments), null, Now);

    private static Payment Payment(PaymentMethodKind kind = PaymentMethodKind.Card, params long[] amounts) =>
        Domain.Payments.Payment.Start(
            TenantId.New(), Guid.NewGuid(), "USD",
            (amounts.Length == 0 ? [5_000L] : amounts).Select((a, i) => new PaymentAllocation(Guid.NewGuid(), $"inv-{i}", $"INV-{i}", null, null, a)).ToList(),
            kind, "pm_card_visa", null, null,
            kind == PaymentMethodKind.UsBankAccount ? new AchAuthorization("text", Now, "127.0.0.1", "test") : null,
            PaymentChannel.Portal, Guid.NewGuid(), null, "user:1", "key-1", "hash", "pat@example.com", Now);

    [Fact]
    public void Payable_HoldsNeverAddUpToMoreThanTheBalance()
    {
        var invoice = Invoice(10_000);
        invoice.HoldForPayment(6_000);
        Assert.Equal("amount_exceeds_balance", Assert.Throws<DomainException>(() => invoice.HoldForPayment(4_001)).Code);
        invoice.HoldForPayment(4_000);
        Assert.Equal(0, invoice.AvailableToPay);
        var refused = Assert.Throws<DomainException>(() => invoice.HoldForPayment(1));
        Assert.Equal("payment_in_progress", refused.Code);
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
    }

    [Fact]
    public void Payable_AnInvoiceTakesAtMostItsPaymentLimit()
    {
        var invoice = Invoice(10_000);
        for (var i = 0; i < InvoiceAmounts.MaxPayments; i++)
        {
            invoice.ApplyOnlinePayment(new OnlinePayment(Guid.NewGuid(), 50, Now, "card"), wasHeld: false, Now);
        }

        Assert.Equal("too_many_payments", Assert.Throws<DomainException>(() => invoice.HoldForPayment(50)).Code);
    }

    [Fact]
    public void Payable_ReleasedHoldCanBeTakenAgain()
    {
        var invoice = Invoice(10_000);
        invoice.HoldForPayment(10_000);
        invoice.ReleaseHold(10_000);
        Assert.Equal(10_000, invoice.AvailableToPay);
    }

    [Fact]
    public void OnlinePayment_WhenApplied_LowersTheBalanceReleasesItsHoldAndIsListed()
    {
        var invoice = Invoice(10_000);
        invoice.HoldForPayment(4_000);
        var id = Guid.NewGuid();
        invoice.ApplyOnlinePayment(new OnlinePayment(id, 4_000, Now, "card"), wasHeld: true, Now);
        Assert.Equal(6_000, invoice.Balance);
        Assert.Equal(0, invoice.PaymentHold);
        Assert.Equal(id.ToString(), Assert.Single(invoice.Payments).Reference);
    }

    [Fact]
    public void OnlinePayment_AppliedTwice_CountsOnce()
    {
        var invoice = Invoice(10_000);
        var payment = new OnlinePayment(Guid.NewGuid(), 4_000, Now, "card");
        invoice.ApplyOnlinePayment(payment, wasHeld: false, Now);
        invoice.ApplyOnlinePayment(payment, wasHeld: false, Now);
        Assert.Equal(6_000, invoice.Balance);
    }

    [Fact]
    public void OnlinePayment_NotYetListedByTheBackOffice_StaysDeductedFromASyncedBalance()
    {
        var invoice = Invoice(10_000);
        invoice.ApplyOnlinePayment(new OnlinePayment(Guid.NewGuid(), 4_000, Now, "card"), wasHeld: false, Now);

        // The back office syncs the invoice again before it learned of the payment: its balance is still 10,000.
        Sync(invoice, 10_000);
        Assert.Equal(6_000, invoice.Balance);
        Assert.Single(invoice.Payments);
    }

    [Fact]
    public void OnlinePayment_OnceListedByTheBackOffice_ItsBalanceIsTaken()
    {
        var invoice = Invoice(10_000);
        var id = Guid.NewGuid();
        invoice.ApplyOnlinePayment(new OnlinePayment(id, 4_000, Now, "card"), wasHeld: false, Now);

        Sync(invoice, 6_000, new RecordedPayment(id.ToString(), 4_000, Now, "card"));
        Assert.Equal(6_000, invoice.Balance);
        Assert.Empty(invoice.UnrecordedOnlinePayments);
        Assert.Single(invoice.Payments);
    }

    [Fact]
    public void OnlinePayment_BalanceNeverBelowZero_WhenTheOfficeAlsoCollected()
    {
        var invoice = Invoice(10_000);
        invoice.ApplyOnlinePayment(new OnlinePayment(Guid.NewGuid(), 10_000, Now, "card"), wasHeld: false, Now);
        Sync(invoice, 5_000, new RecordedPayment("check 1001", 5_000, Now, "check"));
        Assert.Equal(0, invoice.Balance);
    }

    [Fact]
    public void Payment_AllocationsAddUpToTheAmount()
    {
        var payment = Payment(PaymentMethodKind.Card, 1_000, 2_500);
        Assert.Equal(3_500, payment.Amount);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
    }

    [Fact]
    public void Payment_BankDebitWithoutAuthorization_IsRefused() =>
        Assert.Equal("ach_authorization_required", Assert.Throws<DomainException>(() =>
            Domain.Payments.Payment.Start(TenantId.New(), Guid.NewGuid(), "usd", [new PaymentAllocation(Guid.NewGuid(), "i", "I", null, null, 100)],
                PaymentMethodKind.UsBankAccount, "pm_usBankAccount", null, null, null, PaymentChannel.Portal, null, null, "s", "k", "h", null, Now)).Code);

    [Theory]
    [InlineData(PaymentStatus.Succeeded, PaymentSettlement.CollectHeld)]
    [InlineData(PaymentStatus.Failed, PaymentSettlement.Release)]
    [InlineData(PaymentStatus.Canceled, PaymentSettlement.Release)]
    [InlineData(PaymentStatus.Processing, PaymentSettlement.None)]
    [InlineData(PaymentStatus.RequiresAction, PaymentSettlement.None)]
    public void Payment_FromPending_SettlesByItsNewStatus(PaymentStatus next, PaymentSettlement expected)
    {
        var payment = Payment();
        Assert.Equal(expected, payment.MoveTo(next, null, "secret", Now));
        Assert.Equal(next, payment.Status);
    }

    [Fact]
    public void Payment_SameOutcomeReportedAgain_SettlesOnce()
    {
        var payment = Payment();
        Assert.Equal(PaymentSettlement.CollectHeld, payment.MoveTo(PaymentStatus.Succeeded, null, null, Now));
        Assert.Equal(PaymentSettlement.None, payment.MoveTo(PaymentStatus.Succeeded, null, null, Now));
    }

    [Fact]
    public void Payment_OlderInFlightStatusArrivingLate_IsIgnored()
    {
        var payment = Payment(PaymentMethodKind.UsBankAccount);
        payment.MoveTo(PaymentStatus.Processing, null, null, Now);
        Assert.Equal(PaymentSettlement.None, payment.MoveTo(PaymentStatus.RequiresAction, null, "secret", Now));
        Assert.Equal(PaymentSettlement.None, payment.MoveTo(PaymentStatus.Pending, null, null, Now));
        Assert.Equal(PaymentStatus.Processing, payment.Status);
    }

    [Fact]
    public void Payment_Succeeded_IsNeverLeft()
    {
        var payment = Payment();
        payment.MoveTo(PaymentStatus.Succeeded, null, null, Now);
        Assert.Equal(PaymentSettlement.None, payment.MoveTo(PaymentStatus.Failed, null, null, Now));
        Assert.Equal(PaymentSettlement.None, payment.MoveTo(PaymentStatus.Processing, null, null, Now));
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Payment_SuccessAfterAFailure_CollectsWithoutTheReleasedHolds()
    {
        var payment = Payment();
        Assert.Equal(PaymentSettlement.Release, payment.MoveTo(PaymentStatus.Failed, new PaymentFailure("card_declined", "generic_decline", "Declined"), null, Now));
        Assert.Equal(PaymentSettlement.CollectUnheld, payment.MoveTo(PaymentStatus.Succeeded, null, null, Now));
        Assert.Null(payment.Failure);
    }

    [Fact]
    public void Payment_LateBankFailure_ReleasesAndKeepsTheReason()
    {
        var payment = Payment(PaymentMethodKind.UsBankAccount);
        payment.MoveTo(PaymentStatus.Processing, null, null, Now);
        Assert.Equal(PaymentSettlement.Release, payment.MoveTo(PaymentStatus.Failed, new PaymentFailure("payment_failed", "insufficient_funds", "Insufficient funds"), null, Now));
        Assert.Equal("insufficient_funds", payment.Failure!.DeclineCode);
        Assert.NotNull(payment.CompletedAt);
    }

    [Fact]
    public void Payment_ClientSecret_KeptOnlyWhileActionIsRequired()
    {
        var payment = Payment();
        payment.MoveTo(PaymentStatus.RequiresAction, null, "pi_1_secret_2", Now);
        Assert.Equal("pi_1_secret_2", payment.ClientSecret);
        payment.MoveTo(PaymentStatus.Succeeded, null, null, Now);
        Assert.Null(payment.ClientSecret);
    }

    [Fact]
    public void Payment_LinkedToAnotherPaymentIntent_IsRefused()
    {
        var payment = Payment();
        payment.LinkPaymentIntent("pi_1", Now);
        payment.LinkPaymentIntent("pi_1", Now);
        Assert.Equal("payment_intent_mismatch", Assert.Throws<DomainException>(() => payment.LinkPaymentIntent("pi_2", Now)).Code);
    }

    [Theory]
    [InlineData("acct_1Nv0FGQ9RKHgCVdK", true)]
    [InlineData("acct_", false)]
    [InlineData("cus_123", false)]
    [InlineData("acct_12 3", false)]
    public void PaymentAccount_IdLooksLikeStripes(string id, bool valid) => Assert.Equal(valid, PaymentAccount.IsValidAccountId(id));
}

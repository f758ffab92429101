using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Portal.Rules;

namespace HeadlessPortal.Domain.Tests.Portal;

/// <summary>PRODUCT.md#payable: when an invoice can be paid, one test per rule.</summary>
public sealed class PayableRulesTests
{
    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, false)]
    public void OnlinePaymentsReady_NeedsPaymentsEnabledAndAConnectedAccount(bool enabled, bool connected, bool expected) =>
        Assert.Equal(expected, Payable.OnlinePaymentsReady(enabled, connected));

    [Fact]
    public void InvoicePaymentOn_FollowsTheTenantsInvoiceAndPaymentFeature()
    {
        Assert.True(Payable.InvoicePaymentOn(PortalFeatures.Defaults with { InvoicePayment = true }));
        Assert.False(Payable.InvoicePaymentOn(PortalFeatures.Defaults with { InvoicePayment = false }));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    public void HasBalanceDue_OnlyABalanceAboveZeroCanBePaid(long balance, bool expected) =>
        Assert.Equal(expected, Payable.HasBalanceDue(balance));

    [Theory]
    [InlineData(10_000, 10_000, false, true)]
    [InlineData(5_000, 10_000, false, false)]
    [InlineData(5_000, 10_000, true, true)]
    [InlineData(10_001, 10_000, true, false)]
    [InlineData(10_001, 10_000, false, false)]
    [InlineData(0, 10_000, true, false)]
    [InlineData(49, 10_000, true, false)]
    [InlineData(30, 30, true, true)]
    [InlineData(0, 0, false, false)]
    public void AmountAllowed_AtMostTheBalanceAndExactlyItUnlessPartialPaymentsAreOn(long amount, long balance, bool partial, bool expected) =>
        Assert.Equal(expected, Payable.AmountAllowed(amount, balance, partial));

    [Theory]
    [InlineData(10_000, Payable.MinimumPartialAmount)]
    [InlineData(30, 30)]
    public void MinimumAmount_IsTheProcessorMinimumOrTheWholeSmallerBalance(long balance, long expected) =>
        Assert.Equal(expected, Payable.MinimumAmount(balance));

    [Fact]
    public void OneBillTo_SeveralInvoicesInOneChargeShareOneBillToCustomer()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Assert.True(Payable.OneBillTo([a, a, a]));
        Assert.False(Payable.OneBillTo([a, b]));
        Assert.False(Payable.OneBillTo([]));
    }

    [Fact]
    public void Check_GivesTheFirstFailingConditionAsTheReason()
    {
        var on = PortalFeatures.Defaults with { InvoicePayment = true };
        Assert.Equal(new PayableStatus(false, NotPayableReason.PaymentsDisabled), Payable.Check(true, false, on, 100));
        Assert.Equal(new PayableStatus(false, NotPayableReason.InvoicePaymentOff), Payable.Check(true, true, on with { InvoicePayment = false }, 100));
        Assert.Equal(new PayableStatus(false, NotPayableReason.NothingDue), Payable.Check(true, true, on, 0));
        Assert.Equal(new PayableStatus(true, null), Payable.Check(true, true, on, 100));
    }

    [Fact]
    public void AmountPayableNow_IsTheBalanceLessWhatPaymentsUnderWayHold_AndNothingWhenNotPayable()
    {
        var on = PortalFeatures.Defaults with { InvoicePayment = true };
        Assert.Equal(18_000, Payable.AmountPending(20_000, 18_000));
        Assert.Equal(2_000, Payable.AmountPayableNow(Payable.Check(true, true, on, 20_000, 18_000), 20_000, 18_000));
        Assert.Equal(0, Payable.AmountPayableNow(Payable.Check(true, true, on, 20_000, 20_000), 20_000, 20_000));
        Assert.Equal(0, Payable.AmountPayableNow(Payable.Check(false, true, on, 20_000), 20_000, 0));
        Assert.Equal(20_000, Payable.AmountPayableNow(Payable.Check(true, true, on, 20_000), 20_000, 0));

        // A synced balance below what is held (the back office recorded part of it): pending is at most the balance.
        Assert.Equal(1_000, Payable.AmountPending(1_000, 5_000));
    }
}

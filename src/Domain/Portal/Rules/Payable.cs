namespace HeadlessPortal.Domain.Portal.Rules;

/// <summary>Why an invoice cannot be paid now; the stable codes the portal answers.</summary>
public static class NotPayableReason
{
    /// <summary>Online payments are off, or no payment provider account is connected.</summary>
    public const string PaymentsDisabled = "payments_disabled";

    /// <summary>The tenant switched the invoice &amp; payment feature off.</summary>
    public const string InvoicePaymentOff = "invoice_payment_off";

    /// <summary>The invoice has no balance left.</summary>
    public const string NothingDue = "nothing_due";

    /// <summary>Online payments already under way hold all of the balance.</summary>
    public const string PaymentInProgress = "payment_in_progress";
}

/// <summary>Whether an invoice can be paid now, and why not.</summary>
/// <param name="IsPayable">True when a payment may start.</param>
/// <param name="Reason">One of <see cref="NotPayableReason"/>; null when payable.</param>
public sealed record PayableStatus(bool IsPayable, string? Reason);

/// <summary>
/// PRODUCT.md#payable: an invoice can be paid when online payments are enabled and configured, invoice &amp;
/// payment is on, its balance is above zero, and the amount is at most the balance (exactly the balance unless
/// partial payments are on). Several invoices paid in one charge share one Bill-To customer.
/// </summary>
public static class Payable
{
    /// <summary>
    /// The smallest partial payment, in minor units: card processors refuse charges below about 50 cents, so a
    /// partial payment is at least this much (or the whole balance when less is due).
    /// </summary>
    public const long MinimumPartialAmount = 50;

    /// <summary>Online payments are switched on and a payment provider account is connected.</summary>
    public static bool OnlinePaymentsReady(bool onlinePaymentsEnabled, bool paymentAccountConnected) =>
        onlinePaymentsEnabled && paymentAccountConnected;

    /// <summary>The tenant offers invoice &amp; payment in the portal.</summary>
    public static bool InvoicePaymentOn(PortalFeatures features) => features.InvoicePayment;

    /// <summary>There is something to pay.</summary>
    public static bool HasBalanceDue(long balance) => balance > 0;

    /// <summary>
    /// The amount is above zero and at most the balance; without partial payments it is exactly the balance,
    /// with them it is at least <see cref="MinimumAmount"/>.
    /// </summary>
    public static bool AmountAllowed(long amount, long balance, bool partialPaymentsAllowed) =>
        HasBalanceDue(balance)
        && amount <= balance
        && (partialPaymentsAllowed ? amount >= MinimumAmount(balance) : amount == balance);

    /// <summary>The least a payment of this balance may be when partial payments are on.</summary>
    public static long MinimumAmount(long balance) => Math.Min(balance, MinimumPartialAmount);

    /// <summary>Invoices paid in one charge all have the same Bill-To customer (and there is at least one).</summary>
    public static bool OneBillTo(IEnumerable<Guid> billToIds) => billToIds.Distinct().Count() == 1;

    /// <summary>What online payments under way (a bank debit processing, a card awaiting 3-D Secure) hold of the balance.</summary>
    public static long AmountPending(long balance, long paymentHold) => Math.Clamp(paymentHold, 0, Math.Max(0, balance));

    /// <summary>What a new payment may take now: the balance less what is pending, or nothing when the invoice cannot be paid now.</summary>
    public static long AmountPayableNow(PayableStatus status, long balance, long paymentHold) =>
        status.IsPayable ? Math.Max(0, balance - AmountPending(balance, paymentHold)) : 0;

    /// <summary>Whether an invoice can be paid now; the first failing condition gives the reason.</summary>
    /// <param name="onlinePaymentsEnabled">The tenant switched online payments on.</param>
    /// <param name="paymentAccountConnected">A payment provider account is connected.</param>
    /// <param name="features">The tenant's portal features.</param>
    /// <param name="balance">The invoice's balance.</param>
    /// <param name="paymentHold">What online payments in flight hold of the balance.</param>
    public static PayableStatus Check(bool onlinePaymentsEnabled, bool paymentAccountConnected, PortalFeatures features, long balance, long paymentHold = 0) =>
        !OnlinePaymentsReady(onlinePaymentsEnabled, paymentAccountConnected) ? new(false, NotPayableReason.PaymentsDisabled)
        : !InvoicePaymentOn(features) ? new(false, NotPayableReason.InvoicePaymentOff)
        : !HasBalanceDue(balance) ? new(false, NotPayableReason.NothingDue)
        : !HasBalanceDue(balance - paymentHold) ? new(false, NotPayableReason.PaymentInProgress)
        : new(true, null);
}

using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Payments;

/// <summary>Where a payment stands (PRODUCT.md#shared-vocabulary).</summary>
public enum PaymentStatus
{
    /// <summary>Recorded and the invoices' balances held; the provider has not answered yet.</summary>
    Pending,

    /// <summary>The customer must authenticate (3-D Secure) in the browser.</summary>
    RequiresAction,

    /// <summary>Accepted, not settled yet (bank debits take days).</summary>
    Processing,

    /// <summary>Collected and applied to the invoices.</summary>
    Succeeded,

    /// <summary>Declined or returned; the held balances were released.</summary>
    Failed,

    /// <summary>Abandoned; the held balances were released.</summary>
    Canceled,
}

/// <summary>What was charged.</summary>
public enum PaymentMethodKind
{
    Card,
    UsBankAccount,
}

/// <summary>How the payment was started.</summary>
public enum PaymentChannel
{
    /// <summary>By a signed-in portal user.</summary>
    Portal,

    /// <summary>Through a direct payment link, without an account.</summary>
    PaymentLink,
}

/// <summary>The part of a payment that goes to one invoice.</summary>
public sealed record PaymentAllocation(Guid InvoiceId, string InvoiceExternalId, string InvoiceNumber, Guid? JobId, string? JobExternalId, long Amount);

/// <summary>The ACH debit authorization the customer accepted: the text shown, when, and from where.</summary>
public sealed record AchAuthorization(string Text, DateTimeOffset AcceptedAt, string IpAddress, string UserAgent)
{
    public const int TextMaxLength = 4000;
    public const int IpAddressMaxLength = 64;
    public const int UserAgentMaxLength = 500;
}

/// <summary>Why a payment failed: the provider's code, the issuer's decline code, and a message fit for the customer.</summary>
public sealed record PaymentFailure(string Code, string? DeclineCode, string Message)
{
    public const int CodeMaxLength = 100;
    public const int MessageMaxLength = 500;

    public PaymentFailure Bounded() => new(
        Truncate(Code, CodeMaxLength)!, Truncate(DeclineCode, CodeMaxLength), Truncate(Message, MessageMaxLength)!);

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}

/// <summary>What a status change means for the invoices the payment was for.</summary>
public enum PaymentSettlement
{
    /// <summary>Nothing to do: the change was stale, repeated, or between in-flight states.</summary>
    None,

    /// <summary>Collected: apply the amounts to the invoices, releasing the holds first.</summary>
    CollectHeld,

    /// <summary>Collected after the holds were already released (a success after a failure): apply without releasing.</summary>
    CollectUnheld,

    /// <summary>Failed or canceled: release the holds (the invoices are open again).</summary>
    Release,
}

/// <summary>
/// One online payment of one or several invoices of one Bill-To customer. Created pending with the invoices'
/// balances held, then moved by the provider's answers, webhooks and the recovery job — in any order, any number of
/// times: <see cref="MoveTo"/> never goes back, and reports exactly once that money was collected or released.
/// </summary>
public sealed class Payment : ITenantOwned
{
    public const int KeyMaxLength = 255;
    public const int ProviderIdMaxLength = 255;
    public const int MaxAllocations = 50;

    /// <summary>Room for an IPv6 address in text.</summary>
    public const int ClientIpMaxLength = 64;

    private List<PaymentAllocation> _allocations = [];

    private Payment()
    {
        Currency = null!;
        ProviderPaymentMethodId = null!;
        IdempotencyScope = null!;
        IdempotencyKey = null!;
        RequestHash = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>The Bill-To customer of every invoice paid.</summary>
    public Guid CustomerId { get; private set; }

    public long Amount { get; private set; }

    public string Currency { get; private set; }

    public PaymentStatus Status { get; private set; }

    public PaymentMethodKind MethodKind { get; private set; }

    public PaymentChannel Channel { get; private set; }

    /// <summary>The portal user who paid (portal channel).</summary>
    public Guid? PortalUserId { get; private set; }

    /// <summary>The direct link it was paid through (payment-link channel).</summary>
    public Guid? PaymentLinkId { get; private set; }

    /// <summary>The provider's pm_ id charged.</summary>
    public string ProviderPaymentMethodId { get; private set; }

    /// <summary>The provider customer, when a saved method was charged.</summary>
    public string? ProviderCustomerId { get; private set; }

    /// <summary>Our saved method, when one was charged.</summary>
    public Guid? SavedPaymentMethodId { get; private set; }

    /// <summary>The provider's PaymentIntent, once it answered.</summary>
    public string? ProviderPaymentIntentId { get; private set; }

    /// <summary>For the front end while the customer must authenticate; cleared once the payment is final.</summary>
    public string? ClientSecret { get; private set; }

    public PaymentFailure? Failure { get; private set; }

    public AchAuthorization? AchAuthorization { get; private set; }

    /// <summary>Who may replay the request: the portal user or the payment link.</summary>
    public string IdempotencyScope { get; private set; }

    public string IdempotencyKey { get; private set; }

    /// <summary>A hash of the request body: the same key with another body is refused.</summary>
    public string RequestHash { get; private set; }

    /// <summary>Where the receipt goes.</summary>
    public string? ReceiptEmail { get; private set; }

    /// <summary>The address the request came from: failed payments are limited per address (card testing).</summary>
    public string? ClientIp { get; private set; }

    public IReadOnlyList<PaymentAllocation> Allocations => _allocations;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When it became succeeded, failed or canceled.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Grows with every change; guards against two writers.</summary>
    public int Version { get; private set; }

    public bool IsFinal => Status is PaymentStatus.Succeeded or PaymentStatus.Failed or PaymentStatus.Canceled;

    /// <summary>
    /// A payment about to be sent to the provider. Allocations are positive, name each invoice once, and add up to
    /// the amount; the invoices' balances must be held in the same transaction (<see cref="Billing.Invoice.HoldForPayment"/>).
    /// </summary>
    public static Payment Start(
        TenantId tenantId, Guid customerId, string currency, IReadOnlyList<PaymentAllocation> allocations,
        PaymentMethodKind methodKind, string providerPaymentMethodId, Guid? savedPaymentMethodId, string? providerCustomerId,
        AchAuthorization? achAuthorization, PaymentChannel channel, Guid? portalUserId, Guid? paymentLinkId,
        string idempotencyScope, string idempotencyKey, string requestHash, string? receiptEmail, DateTimeOffset now, string? clientIp = null)
    {
        if (allocations.Count == 0 || allocations.Count > MaxAllocations)
        {
            throw new DomainException("invalid_allocations", $"A payment pays 1 to {MaxAllocations} invoices.");
        }

        if (allocations.Any(a => a.Amount <= 0) || allocations.Select(a => a.InvoiceId).Distinct().Count() != allocations.Count)
        {
            throw new DomainException("invalid_allocations", "Each invoice appears once, with an amount above zero.");
        }

        if (methodKind == PaymentMethodKind.UsBankAccount && achAuthorization is null)
        {
            throw new DomainException("ach_authorization_required", "A bank debit needs the customer's accepted authorization.");
        }

        return new Payment
        {
            Id = UuidV7.NewGuid(),
            TenantId = tenantId,
            CustomerId = customerId,
            Amount = allocations.Aggregate(0L, (sum, a) => checked(sum + a.Amount)),
            Currency = CurrencyCode.Normalize(currency),
            Status = PaymentStatus.Pending,
            MethodKind = methodKind,
            Channel = channel,
            PortalUserId = portalUserId,
            PaymentLinkId = paymentLinkId,
            ProviderPaymentMethodId = Guard.Required(providerPaymentMethodId, "Payment method id", ProviderIdMaxLength),
            SavedPaymentMethodId = savedPaymentMethodId,
            ProviderCustomerId = providerCustomerId,
            AchAuthorization = achAuthorization,
            IdempotencyScope = Guard.Required(idempotencyScope, "Idempotency scope", KeyMaxLength),
            IdempotencyKey = Guard.Required(idempotencyKey, "Idempotency key", KeyMaxLength),
            RequestHash = requestHash,
            ReceiptEmail = receiptEmail,
            ClientIp = clientIp is { Length: > ClientIpMaxLength } ? clientIp[..ClientIpMaxLength] : clientIp,
            _allocations = allocations.ToList(),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Links the provider's PaymentIntent (the first answer wins; the same id again is fine).</summary>
    public void LinkPaymentIntent(string paymentIntentId, DateTimeOffset now)
    {
        if (ProviderPaymentIntentId == paymentIntentId)
        {
            return;
        }

        if (ProviderPaymentIntentId is not null)
        {
            throw new DomainException("payment_intent_mismatch", "The payment is already linked to another PaymentIntent.", DomainErrorKind.Conflict);
        }

        ProviderPaymentIntentId = Guard.Required(paymentIntentId, "PaymentIntent id", ProviderIdMaxLength);
        Touch(now);
    }

    /// <summary>
    /// Moves to the provider's latest word. In-flight states only move forward (pending → requires action →
    /// processing); a final state is not left, except that a success overrides a failure or cancelation (the money
    /// was collected after all). The answer says what to do with the invoices, and is not None only once per change.
    /// </summary>
    public PaymentSettlement MoveTo(PaymentStatus next, PaymentFailure? failure, string? clientSecret, DateTimeOffset now)
    {
        if (next == Status)
        {
            return PaymentSettlement.None;
        }

        var settlement = (Status, next) switch
        {
            (PaymentStatus.Succeeded, _) => (PaymentSettlement?)null,
            (PaymentStatus.Failed or PaymentStatus.Canceled, PaymentStatus.Succeeded) => PaymentSettlement.CollectUnheld,
            (PaymentStatus.Failed or PaymentStatus.Canceled, _) => null,
            (_, PaymentStatus.Succeeded) => PaymentSettlement.CollectHeld,
            (_, PaymentStatus.Failed or PaymentStatus.Canceled) => PaymentSettlement.Release,
            _ when Rank(next) > Rank(Status) => PaymentSettlement.None,
            _ => null,
        };
        if (settlement is null)
        {
            return PaymentSettlement.None;
        }

        Status = next;
        if (next == PaymentStatus.RequiresAction)
        {
            ClientSecret = clientSecret ?? ClientSecret;
        }
        else
        {
            ClientSecret = null;
        }

        if (next is PaymentStatus.Failed)
        {
            Failure = (failure ?? new PaymentFailure("payment_failed", null, "The payment did not go through.")).Bounded();
        }
        else if (next is PaymentStatus.Succeeded)
        {
            Failure = null;
        }

        if (IsFinal)
        {
            CompletedAt = now;
        }

        Touch(now);
        return settlement.Value;
    }

    private static int Rank(PaymentStatus status) => status switch
    {
        PaymentStatus.Pending => 0,
        PaymentStatus.RequiresAction => 1,
        PaymentStatus.Processing => 2,
        _ => 3,
    };

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}

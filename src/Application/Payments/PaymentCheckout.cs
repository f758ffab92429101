using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments;

/// <summary>A payment's answer: where it stands, and what the browser needs next.</summary>
/// <param name="Id">The payment's id.</param>
/// <param name="Status">pending, requiresAction, processing, succeeded, failed or canceled.</param>
/// <param name="Amount">The total charged.</param>
/// <param name="ClientSecret">Only while requiresAction: hand it to Stripe.js (handleNextAction) for 3-D Secure.</param>
/// <param name="Failure">Only when failed: why.</param>
public sealed record PaymentResultDto(Guid Id, PaymentStatus Status, MoneyDocument Amount, string? ClientSecret, PaymentFailureDto? Failure)
{
    public static PaymentResultDto From(Payment payment) => new(
        payment.Id,
        payment.Status,
        new MoneyDocument(payment.Amount, payment.Currency),
        payment.Status == PaymentStatus.RequiresAction ? payment.ClientSecret : null,
        payment.Status == PaymentStatus.Failed && payment.Failure is { } failure ? new PaymentFailureDto(failure.Code, failure.DeclineCode, failure.Message) : null);
}

/// <summary>Why a payment failed.</summary>
/// <param name="Code">The provider's code, such as card_declined.</param>
/// <param name="DeclineCode">The issuer's reason, such as insufficient_funds or generic_decline.</param>
/// <param name="Message">A message fit to show the customer.</param>
public sealed record PaymentFailureDto(string Code, string? DeclineCode, string Message);

/// <summary>What will be charged: a provider method id, and the provider customer it is saved to, if it is.</summary>
public sealed record ChargeableMethod(PaymentMethodKind Kind, string ProviderPaymentMethodId, string? ProviderCustomerId, Guid? SavedPaymentMethodId);

/// <summary>A payment to start, once the caller checked the payer may pay these invoices.</summary>
/// <param name="Allocations">Invoice ids and amounts (minor units).</param>
/// <param name="Method">What to charge.</param>
/// <param name="Ach">The accepted authorization, for bank debits.</param>
/// <param name="Channel">Portal or payment link.</param>
/// <param name="PortalUserId">The payer, on the portal.</param>
/// <param name="PaymentLinkId">The link, for link payments.</param>
/// <param name="IdempotencyScope">Who may replay (user or link).</param>
/// <param name="IdempotencyKey">The Idempotency-Key header.</param>
/// <param name="RequestHash">From <see cref="PaymentCheckout.HashOf"/>.</param>
/// <param name="ReceiptEmail">Where the receipt goes.</param>
/// <param name="ClientIp">The address the request came from (failed payments are limited per address).</param>
/// <param name="Read">The portal settings and the invoices (by id) as the caller read them in this request, after its
/// replay check; null reads them here. Either way the balances are checked again under the invoices' locks.</param>
public sealed record CheckoutRequest(
    IReadOnlyList<(Guid InvoiceId, long Amount)> Allocations, ChargeableMethod Method, AchAuthorization? Ach, PaymentChannel Channel,
    Guid? PortalUserId, Guid? PaymentLinkId, string IdempotencyScope, string IdempotencyKey, string RequestHash, string? ReceiptEmail, string? ClientIp,
    CheckoutReads? Read = null);

/// <summary>What the caller of <see cref="PaymentCheckout.StartAsync"/> already read for its own checks.</summary>
/// <param name="Settings">The tenant's portal settings.</param>
/// <param name="Invoices">At least the allocated invoices, by id, read without tracking.</param>
public sealed record CheckoutReads(Domain.Portal.PortalSettings Settings, IReadOnlyDictionary<Guid, Invoice> Invoices);

/// <summary>
/// Starting a payment, shared by the portal and payment links. The order matters: (1) a replayed key answers the
/// payment it made; (2) the rules (PRODUCT.md#payable) are checked; (3) one transaction locks the invoices, holds
/// their balances and records the payment — no concurrency can hold more than a balance; (4) the provider creates and
/// confirms a PaymentIntent under an idempotency key derived from our payment id (so a retry, or the recovery job,
/// can never charge twice); (5) the answer is applied by <see cref="PaymentSettler"/>.
/// </summary>
public sealed class PaymentCheckout(
    IAppDbContext db, IUnitOfWork unitOfWork, IPaymentLocks locks, IPaymentGateway gateway, PaymentSettler settler, ICurrentTenant tenant, IClock clock)
{
    /// <summary>The provider refuses smaller charges (Stripe: 50 cents in USD).</summary>
    public const long MinimumCharge = 50;

    /// <summary>The stable code of a method id sent with the other type.</summary>
    public const string PaymentMethodTypeMismatch = "payment_method_type_mismatch";

    /// <summary>How long a replay waits for the first request with its key to get the provider's answer.</summary>
    public static readonly TimeSpan ReplayWait = TimeSpan.FromSeconds(15);

    /// <summary>A stable hash of a request body: the same key with another body is refused.</summary>
    public static string HashOf<T>(T request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, JsonSerializerOptions.Web))));

    /// <summary>
    /// The answer to a key already used: the payment it made (once the provider answered it, waiting a little for a
    /// request still in flight), 422 idempotency_key_reused for another body, or null for a new key.
    /// </summary>
    public async Task<Result<PaymentResultDto>?> ReplayAsync(string scope, string key, string requestHash, CancellationToken ct)
    {
        var payment = await FindAsync(scope, key, ct);
        if (payment is null)
        {
            return null;
        }

        if (payment.RequestHash != requestHash)
        {
            return Error.Unprocessable("idempotency_key_reused", "This Idempotency-Key was used with a different request; use a new key for a new payment.");
        }

        var waitUntil = DateTime.UtcNow + ReplayWait;
        while (payment.Status == PaymentStatus.Pending && payment.ProviderPaymentIntentId is null && payment.Failure is null && DateTime.UtcNow < waitUntil)
        {
            await Task.Delay(100, ct);
            payment = (await FindAsync(scope, key, ct))!;
        }

        return PaymentResultDto.From(payment);
    }

    /// <summary>Checks the rules, holds the balances, records the payment, and charges it.</summary>
    public async Task<Result<PaymentResultDto>> StartAsync(CheckoutRequest request, CancellationToken ct)
    {
        var tenantId = tenant.Required();
        // The portal's handler read the settings and the invoices for its own checks a moment ago: not again.
        var settings = request.Read?.Settings ?? await Portal.PortalContext.SettingsAsync(db, tenant, clock, ct);
        var accountId = await PaymentAccounts.AccountIdAsync(db, ct);
        if (!Payable.OnlinePaymentsReady(settings.OnlinePaymentsEnabled, accountId is not null))
        {
            return Error.Conflict(NotPayableReason.PaymentsDisabled, "This company does not take online payments.");
        }

        if (!Payable.InvoicePaymentOn(settings.Features))
        {
            return Error.Conflict(NotPayableReason.InvoicePaymentOff, "This company does not take invoice payments in the portal.");
        }

        var ids = request.Allocations.Select(a => a.InvoiceId).ToList();
        var invoices = request.Read?.Invoices ?? await db.Set<Invoice>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var checkedRules = CheckAmounts(request, invoices, settings.Features.PartialPayments);
        if (checkedRules is not null)
        {
            // The balances were read after this key's first look: a request with the same key may have held them
            // meanwhile. Its payment is this request's answer, not "nothing due".
            return await ReplayAsync(request.IdempotencyScope, request.IdempotencyKey, request.RequestHash, ct) ?? checkedRules;
        }

        var mismatch = await CheckMethodTypeAsync(request.Method, accountId!, ct);
        if (mismatch is not null)
        {
            return mismatch;
        }

        var (payment, answer) = await HoldAndRecordAsync(request, invoices, tenantId, ct);
        if (payment is null)
        {
            return answer ?? (await ReplayAsync(request.IdempotencyScope, request.IdempotencyKey, request.RequestHash, ct))!;
        }

        // From here the charge runs to its end even if the caller hangs up: the holds are taken and the payment recorded,
        // so stopping halfway would only leave it for the recovery job.
        return await ChargeAsync(payment!, accountId!, CancellationToken.None);
    }

    /// <summary>Sends a recorded payment to the provider (again: the key makes it the same PaymentIntent) and applies the answer.</summary>
    public async Task<Result<PaymentResultDto>> ChargeAsync(Payment payment, string accountId, CancellationToken ct)
    {
        ProviderOutcome outcome;
        try
        {
            var intent = await gateway.CreatePaymentIntentAsync(accountId, IntentOf(payment), ProviderKeyOf(payment), ct);
            outcome = ProviderOutcome.Of(intent);
        }
        catch (PaymentGatewayException ex) when (ex.Kind == PaymentGatewayErrorKind.Declined)
        {
            outcome = new ProviderOutcome(ex.PaymentIntent?.Id, PaymentStatus.Failed, ProviderOutcome.FailureOf(ex.Code, ex.DeclineCode, ex.Message), null);
        }
        catch (PaymentGatewayException ex) when (ex.Kind is PaymentGatewayErrorKind.InvalidRequest or PaymentGatewayErrorKind.Authentication)
        {
            // The provider will never take this request: the payment fails, its holds go back, and the caller learns the provider refused.
            await settler.ApplyAsync(payment.Id, new ProviderOutcome(null, PaymentStatus.Failed, new PaymentFailure("payment_provider_error", null, "The payment provider refused the payment."), null), ct);
            throw;
        }
        catch (PaymentGatewayException ex) when (ex.Kind == PaymentGatewayErrorKind.Unavailable)
        {
            // Unknown whether the provider got it: the payment stays pending with its holds, and the recovery job asks again
            // with the same key, which either finds the PaymentIntent made or makes it.
            return PaymentResultDto.From(payment);
        }

        var settled = await settler.ApplyAsync(payment.Id, outcome, ct);
        return PaymentResultDto.From(settled!);
    }

    /// <summary>The PaymentIntent a payment asks for; built from the payment alone, so the recovery job can send the very same request.</summary>
    public static CreateGatewayPaymentIntent IntentOf(Payment payment) => new(
        payment.Amount,
        payment.Currency,
        payment.ProviderPaymentMethodId,
        ProviderTypeOf(payment.MethodKind),
        payment.ProviderCustomerId,
        "Invoice " + string.Join(", ", payment.Allocations.Select(a => a.InvoiceNumber)),
        new Dictionary<string, string>
        {
            ["payment_id"] = payment.Id.ToString(),
            ["tenant_id"] = payment.TenantId.Value.ToString(),
        },
        payment.AchAuthorization is { } ach ? new GatewayMandateAcceptance(ach.AcceptedAt, ach.IpAddress, ach.UserAgent) : null,
        null);

    /// <summary>The provider idempotency key of a payment's PaymentIntent.</summary>
    public static string ProviderKeyOf(Payment payment) => "payment-" + payment.Id.ToString("N");

    /// <summary>The provider's name of a method kind.</summary>
    public static string ProviderTypeOf(PaymentMethodKind kind) => kind == PaymentMethodKind.Card ? "card" : "us_bank_account";

    /// <summary>
    /// A method id given with the wrong type (a bank account's pm_ as a card, or the reverse) is the caller's mistake:
    /// 422 <c>payment_method_type_mismatch</c>, found before anything is held or charged. Saved methods carry their type.
    /// Should the provider not describe the method, the charge decides, as before.
    /// </summary>
    private async Task<Error?> CheckMethodTypeAsync(ChargeableMethod method, string accountId, CancellationToken ct)
    {
        if (method.SavedPaymentMethodId is not null)
        {
            return null;
        }

        GatewayPaymentMethod described;
        try
        {
            described = await gateway.GetPaymentMethodAsync(accountId, method.ProviderPaymentMethodId, ct);
        }
        catch (PaymentGatewayException)
        {
            return null;
        }

        var expected = ProviderTypeOf(method.Kind);
        if (string.Equals(described.Type, expected, StringComparison.Ordinal))
        {
            return null;
        }

        var given = method.Kind == PaymentMethodKind.Card ? PaymentMethodTypes.Card : PaymentMethodTypes.UsBankAccount;
        return Error.Unprocessable(PaymentMethodTypeMismatch, $"This payment method is a {described.Type}, not a {expected}: send it with the type that matches it.")
            with { Fields = new Dictionary<string, string[]> { ["paymentMethod.type"] = [$"The payment method is not of type {given}."] } };
    }

    private async Task<Payment?> FindAsync(string scope, string key, CancellationToken ct) =>
        await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.IdempotencyScope == scope && p.IdempotencyKey == key, ct);

    private static Error? CheckAmounts(CheckoutRequest request, IReadOnlyDictionary<Guid, Invoice> invoices, bool partialAllowed)
    {
        var fields = new Dictionary<string, string[]>();
        for (var i = 0; i < request.Allocations.Count; i++)
        {
            var (invoiceId, amount) = request.Allocations[i];
            var invoice = invoices[invoiceId];
            if (!Payable.HasBalanceDue(invoice.Balance))
            {
                fields[$"allocations[{i}].invoiceId"] = [$"Invoice {invoice.Number} has nothing due."];
            }
            else if (!Payable.AmountAllowed(amount, invoice.Balance, partialAllowed))
            {
                fields[$"allocations[{i}].amount"] = [partialAllowed
                    ? $"Between {Payable.MinimumAmount(invoice.Balance)} and the balance {invoice.Balance}."
                    : $"Exactly the balance, {invoice.Balance}: this company does not take partial payments."];
            }
        }

        if (fields.Count > 0)
        {
            return Error.Unprocessable("invalid_amount", "One or more amounts cannot be paid.") with { Fields = fields };
        }

        if (!Payable.OneBillTo(invoices.Values.Select(i => i.BillToId)))
        {
            return Error.Unprocessable("several_bill_to_customers", "Invoices paid together must be billed to the same customer.");
        }

        if (invoices.Values.Select(i => i.Currency).Distinct().Count() != 1)
        {
            return Error.Unprocessable("several_currencies", "Invoices paid together must be in the same currency.");
        }

        var total = request.Allocations.Aggregate(0L, (sum, a) => checked(sum + a.Amount));
        if (total < MinimumCharge)
        {
            return Error.Unprocessable(
                "amount_below_minimum",
                $"The payment provider takes payments of at least {MinimumCharge.ToString(CultureInfo.InvariantCulture)} (minor units); pay this at the office.");
        }

        return null;
    }

    /// <summary>
    /// The payment recorded with its holds; or instead the answer (the balance was taken meanwhile), or neither when a
    /// concurrent request with the same key recorded its payment first (the caller replays it).
    /// </summary>
    private async Task<(Payment? Payment, Result<PaymentResultDto>? Answer)> HoldAndRecordAsync(
        CheckoutRequest request, IReadOnlyDictionary<Guid, Invoice> snapshot, TenantId tenantId, CancellationToken ct)
    {
        try
        {
            return await unitOfWork.ExecuteAsync(
                async token =>
                {
                    var ids = request.Allocations.Select(a => a.InvoiceId).ToList();
                    await locks.LockInvoicesAsync(ids, token);

                    // A request with the same key that held these invoices first has committed its payment by now: replay it.
                    if (await db.Set<Payment>().AnyAsync(p => p.IdempotencyScope == request.IdempotencyScope && p.IdempotencyKey == request.IdempotencyKey, token))
                    {
                        return ((Payment?)null, (Result<PaymentResultDto>?)null);
                    }

                    var invoices = (await LockedRows.ReadAsync(db, db.Set<Invoice>().Where(i => ids.Contains(i.Id)), i => ids.Contains(i.Id), token))
                        .ToDictionary(i => i.Id);
                    foreach (var (invoiceId, amount) in request.Allocations)
                    {
                        var invoice = invoices[invoiceId];
                        try
                        {
                            invoice.HoldForPayment(amount);
                        }
                        catch (DomainException refused)
                        {
                            return ((Payment?)null, (Result<PaymentResultDto>?)Error.Conflict(refused.Code, refused.Message));
                        }
                    }

                    var first = snapshot[request.Allocations[0].InvoiceId];
                    var payment = Payment.Start(
                        tenantId,
                        first.BillToId,
                        first.Currency,
                        request.Allocations.Select(a =>
                        {
                            var invoice = snapshot[a.InvoiceId];
                            return new PaymentAllocation(invoice.Id, invoice.ExternalId, invoice.Number, invoice.JobId, invoice.JobExternalId, a.Amount);
                        }).ToList(),
                        request.Method.Kind,
                        request.Method.ProviderPaymentMethodId,
                        request.Method.SavedPaymentMethodId,
                        request.Method.ProviderCustomerId,
                        request.Ach,
                        request.Channel,
                        request.PortalUserId,
                        request.PaymentLinkId,
                        request.IdempotencyScope,
                        request.IdempotencyKey,
                        request.RequestHash,
                        request.ReceiptEmail,
                        clock.UtcNow,
                        request.ClientIp);
                    db.Set<Payment>().Add(payment);
                    await db.SaveChangesAsync(token);
                    return (payment, null);
                },
                r => r.Item1 is not null,
                ct);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<Payment>(nameof(Payment.IdempotencyKey)))
        {
            // Another request with this key recorded its payment first: answer as a replay of it.
            db.ClearTracked();
            return (null, await ReplayAsync(request.IdempotencyScope, request.IdempotencyKey, request.RequestHash, ct));
        }
    }
}

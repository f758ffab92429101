using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Observability;
using HeadlessPortal.Domain.Auditing;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments;

/// <summary>The provider's latest word about a payment.</summary>
/// <param name="PaymentIntentId">The PaymentIntent, when known.</param>
/// <param name="Status">Our status for the provider's.</param>
/// <param name="Failure">Why it failed, for failures.</param>
/// <param name="ClientSecret">For the browser, when the customer must authenticate.</param>
public sealed record ProviderOutcome(string? PaymentIntentId, PaymentStatus Status, PaymentFailure? Failure, string? ClientSecret)
{
    /// <summary>Our reading of a PaymentIntent's status.</summary>
    public static ProviderOutcome Of(GatewayPaymentIntent intent) => new(
        intent.Id,
        StatusOf(intent.Status),
        intent.LastError is { } error ? FailureOf(error.Code, error.DeclineCode, error.Message) : null,
        intent.ClientSecret);

    /// <summary>
    /// Stripe's PaymentIntent statuses: a confirmed intent back at requires_payment_method was declined (the customer may
    /// start a new payment); requires_capture does not occur (we capture at once) and counts as processing.
    /// </summary>
    public static PaymentStatus StatusOf(string providerStatus) => providerStatus switch
    {
        "succeeded" => PaymentStatus.Succeeded,
        "processing" or "requires_capture" => PaymentStatus.Processing,
        "requires_action" => PaymentStatus.RequiresAction,
        "requires_payment_method" => PaymentStatus.Failed,
        "canceled" => PaymentStatus.Canceled,
        _ => PaymentStatus.Pending,
    };

    public static PaymentFailure FailureOf(string? code, string? declineCode, string? message) =>
        new(code ?? "payment_failed", declineCode, string.IsNullOrWhiteSpace(message) ? "The payment did not go through." : message);
}

/// <summary>Events other systems may follow, written to the outbox with the change.</summary>
public static class PaymentEvents
{
    public const string Succeeded = "payment.succeeded";
    public const string Failed = "payment.failed";
}

/// <summary>
/// The one place a payment's status changes and its money follows: in one transaction, with the payment and its
/// invoices locked, the status moves (<see cref="Payment.MoveTo"/>), and a collection is applied to the invoices (with
/// an entry in each job's audit trail, a receipt and a payment.succeeded event) or a failure releases the holds. Any
/// number of callers (the pay request, webhooks, the recovery job) may report the same outcome: it takes effect once.
/// </summary>
public sealed class PaymentSettler(IAppDbContext db, IUnitOfWork unitOfWork, IPaymentLocks locks, IClock clock)
{
    /// <summary>Applies the outcome; answers the payment as it is afterwards (null if there is no such payment).</summary>
    public async Task<Payment?> ApplyAsync(Guid paymentId, ProviderOutcome outcome, CancellationToken cancellationToken)
    {
        var moved = false;
        var payment = await unitOfWork.ExecuteAsync(ct => ApplyInTransactionAsync(paymentId, outcome, changed => moved = changed, ct), _ => true, cancellationToken);

        // Counted after the commit, so a rolled-back attempt counts nothing.
        if (moved && payment is not null)
        {
            Telemetry.Payments.Add(1, new KeyValuePair<string, object?>("outcome", JsonNamingPolicy.SnakeCaseLower.ConvertName(payment.Status.ToString())));
        }

        return payment;
    }

    private async Task<Payment?> ApplyInTransactionAsync(Guid paymentId, ProviderOutcome outcome, Action<bool> statusMoved, CancellationToken ct)
    {
        await locks.LockPaymentAsync(paymentId, ct);
        var payment = (await LockedRows.ReadAsync(db, db.Set<Payment>().Where(p => p.Id == paymentId), p => p.Id == paymentId, ct)).SingleOrDefault();
        if (payment is null)
        {
            return null;
        }

        var now = clock.UtcNow;
        if (outcome.PaymentIntentId is not null)
        {
            payment.LinkPaymentIntent(outcome.PaymentIntentId, now);
        }

        var before = payment.Status;
        var settlement = payment.MoveTo(outcome.Status, outcome.Failure, outcome.ClientSecret, now);
        switch (settlement)
        {
            case PaymentSettlement.CollectHeld or PaymentSettlement.CollectUnheld:
                await CollectAsync(payment, settlement == PaymentSettlement.CollectHeld, now, ct);
                break;
            case PaymentSettlement.Release:
                await ReleaseAsync(payment, before, now, ct);
                break;
        }

        await db.SaveChangesAsync(ct);
        statusMoved(payment.Status != before);
        return payment;
    }

    private async Task CollectAsync(Payment payment, bool held, DateTimeOffset now, CancellationToken ct)
    {
        var invoices = await LockedInvoicesAsync(payment, ct);
        foreach (var allocation in payment.Allocations)
        {
            if (invoices.TryGetValue(allocation.InvoiceId, out var invoice))
            {
                invoice.ApplyOnlinePayment(new OnlinePayment(payment.Id, allocation.Amount, now, MethodName(payment.MethodKind)), held, now);
            }
        }

        RecordOnJobs(payment, "payment.succeeded", now);
        db.OutboxMessages.Add(OutboxMessage.For(payment.TenantId, PaymentEvents.Succeeded, EventPayload(payment), now));
        db.OutboxMessages.Add(PaymentEmailRequested.Create(payment, PaymentEmailKind.Receipt, now));
    }

    private async Task ReleaseAsync(Payment payment, PaymentStatus before, DateTimeOffset now, CancellationToken ct)
    {
        var invoices = await LockedInvoicesAsync(payment, ct);
        foreach (var allocation in payment.Allocations)
        {
            if (invoices.TryGetValue(allocation.InvoiceId, out var invoice))
            {
                invoice.ReleaseHold(allocation.Amount);
            }
        }

        db.OutboxMessages.Add(OutboxMessage.For(payment.TenantId, PaymentEvents.Failed, EventPayload(payment), now));

        // A bank debit that fails days later: the customer left long ago, so they are told, and the office sees it on the job.
        if (before == PaymentStatus.Processing)
        {
            RecordOnJobs(payment, "payment.failed", now);
            db.OutboxMessages.Add(PaymentEmailRequested.Create(payment, PaymentEmailKind.Failed, now));
        }
    }

    private async Task<Dictionary<Guid, Invoice>> LockedInvoicesAsync(Payment payment, CancellationToken ct)
    {
        var ids = payment.Allocations.Select(a => a.InvoiceId).ToList();
        await locks.LockInvoicesAsync(ids, ct);
        var invoices = await LockedRows.ReadAsync(db, db.Set<Invoice>().IgnoreQueryFilters([QueryFilters.NotDeleted]).Where(i => ids.Contains(i.Id)), i => ids.Contains(i.Id), ct);

        return invoices.ToDictionary(i => i.Id);
    }

    private void RecordOnJobs(Payment payment, string action, DateTimeOffset now)
    {
        var actor = payment.Channel == PaymentChannel.Portal ? $"portal-user:{payment.PortalUserId}" : $"payment-link:{payment.PaymentLinkId}";
        foreach (var allocation in payment.Allocations.Where(a => a.JobExternalId is not null))
        {
            var details = JsonSerializer.Serialize(
                new
                {
                    paymentId = payment.Id,
                    invoiceId = allocation.InvoiceId,
                    invoiceNumber = allocation.InvoiceNumber,
                    amount = allocation.Amount,
                    currency = payment.Currency,
                    method = MethodName(payment.MethodKind),
                    status = JsonNamingPolicy.CamelCase.ConvertName(payment.Status.ToString()),
                    failure = payment.Failure,
                },
                JsonSerializerOptions.Web);
            db.AuditEvents.Add(AuditEvent.Record(payment.TenantId, actor, action, AuditEvents.JobAuditTrail.TargetOf(allocation.JobExternalId!), null, details, now));
        }
    }

    private static string EventPayload(Payment payment) => JsonSerializer.Serialize(
        new
        {
            paymentId = payment.Id,
            customerId = payment.CustomerId,
            amount = payment.Amount,
            currency = payment.Currency,
            method = MethodName(payment.MethodKind),
            status = JsonNamingPolicy.CamelCase.ConvertName(payment.Status.ToString()),
            paymentIntentId = payment.ProviderPaymentIntentId,
            failure = payment.Failure,
            invoices = payment.Allocations.Select(a => new { invoiceId = a.InvoiceId, externalId = a.InvoiceExternalId, number = a.InvoiceNumber, amount = a.Amount }),
        },
        JsonSerializerOptions.Web);

    /// <summary>How a method reads in receipts, invoices' payment lists and audit entries.</summary>
    public static string MethodName(PaymentMethodKind kind) => kind == PaymentMethodKind.Card ? "card" : "bank account";
}

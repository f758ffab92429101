using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Tenants;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.HandlePaymentEvent;

/// <summary>What became of a provider event.</summary>
public enum PaymentEventOutcome
{
    /// <summary>Handled now.</summary>
    Applied,

    /// <summary>Handled before (delivered again): nothing changed.</summary>
    Duplicate,

    /// <summary>Not for us (an unknown account, a type we do not follow, a payment we do not know).</summary>
    Ignored,
}

/// <summary>Handles one verified provider event (not in the mediator's transaction: it runs its own).</summary>
public sealed record HandlePaymentEventCommand(GatewayEvent Event) : ISelfTransactedCommand<PaymentEventOutcome>;

/// <summary>
/// Provider events arrive at least once and in any order. Each is recorded under its id in the same transaction as
/// its effect, so a second delivery changes nothing; the effect itself goes through <see cref="PaymentSettler"/>,
/// whose statuses only move forward, so an older event arriving late changes nothing either.
/// </summary>
internal sealed class HandlePaymentEventHandler(
    IAppDbContext db, IUnitOfWork unitOfWork, ITenantScope tenantScope, PaymentSettler settler, IEnumerable<ISetupIntentEvents> setupIntentEvents, IClock clock)
    : ICommandHandler<HandlePaymentEventCommand, PaymentEventOutcome>
{
    public const string Provider = "stripe";

    private static readonly HashSet<string> PaymentIntentEvents =
        ["payment_intent.succeeded", "payment_intent.processing", "payment_intent.payment_failed", "payment_intent.canceled", "payment_intent.requires_action"];

    public async ValueTask<PaymentEventOutcome> Handle(HandlePaymentEventCommand request, CancellationToken cancellationToken)
    {
        var evt = request.Event;
        var followed = (PaymentIntentEvents.Contains(evt.Type) && evt.PaymentIntent is not null) || (evt.Type == "setup_intent.succeeded" && evt.SetupIntent is not null);
        if (!followed || evt.AccountId is null)
        {
            return PaymentEventOutcome.Ignored;
        }

        var tenantId = await db.Set<PaymentAccount>().IgnoreQueryFilters([QueryFilters.Tenant]).AsNoTracking()
            .Where(a => a.ProviderAccountId == evt.AccountId).Select(a => (TenantId?)a.TenantId).SingleOrDefaultAsync(cancellationToken);
        if (tenantId is null)
        {
            return PaymentEventOutcome.Ignored;
        }

        tenantScope.Enter(tenantId.Value);
        try
        {
            return await unitOfWork.ExecuteAsync(ct => ApplyAsync(evt, tenantId.Value, ct), _ => true, cancellationToken);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<ProcessedWebhookEvent>(nameof(ProcessedWebhookEvent.EventId)))
        {
            return PaymentEventOutcome.Duplicate;
        }
    }

    private async Task<PaymentEventOutcome> ApplyAsync(GatewayEvent evt, TenantId tenantId, CancellationToken ct)
    {
        if (await db.Set<ProcessedWebhookEvent>().AnyAsync(e => e.Provider == Provider && e.EventId == evt.Id, ct))
        {
            return PaymentEventOutcome.Duplicate;
        }

        db.Set<ProcessedWebhookEvent>().Add(ProcessedWebhookEvent.Record(tenantId, Provider, evt.Id, evt.Type, clock.UtcNow));
        var outcome = PaymentEventOutcome.Applied;
        if (evt.PaymentIntent is { } intent)
        {
            var paymentId = await PaymentIdOfAsync(intent, tenantId, ct);
            if (paymentId is null || await settler.ApplyAsync(paymentId.Value, ProviderOutcome.Of(intent), ct) is null)
            {
                outcome = PaymentEventOutcome.Ignored;
            }
        }
        else
        {
            foreach (var handler in setupIntentEvents)
            {
                await handler.HandleSucceededAsync(evt.SetupIntent!, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        return outcome;
    }

    // Our payment id travels in the PaymentIntent's metadata; an intent without it (made elsewhere) is looked up by its id.
    private async Task<Guid?> PaymentIdOfAsync(GatewayPaymentIntent intent, TenantId tenantId, CancellationToken ct)
    {
        if (intent.Metadata.TryGetValue("payment_id", out var raw) && Guid.TryParse(raw, out var id)
            && (!intent.Metadata.TryGetValue("tenant_id", out var tenant) || tenant == tenantId.Value.ToString()))
        {
            return id;
        }

        return await db.Set<Payment>().AsNoTracking().Where(p => p.ProviderPaymentIntentId == intent.Id).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
    }
}

using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Application.PortalPaymentMethods;

/// <summary>
/// setup_intent.succeeded: saves the method when the front end did not (the customer closed the page after Stripe.js
/// confirmed). Runs inside the event's transaction, so it calls no provider: the method is saved with its type from
/// the SetupIntent's metadata, and a <see cref="DescribePaymentMethodMessage"/> fetches its details a moment later.
/// Idempotent by payment method: a method saved before (by the portal, an earlier delivery, or removed since) is left alone.
/// </summary>
internal sealed partial class SetupIntentSucceededHandler(
    IAppDbContext db, SavedPaymentMethodStore store, ICurrentTenant tenant, IClock clock, ILogger<SetupIntentSucceededHandler> logger)
    : ISetupIntentEvents
{
    public async Task HandleSucceededAsync(GatewaySetupIntent setupIntent, CancellationToken cancellationToken)
    {
        var tenantId = tenant.Required();
        if (setupIntent.PaymentMethodId is not { } paymentMethodId
            || setupIntent.CustomerId is not { } providerCustomerId
            || !setupIntent.Metadata.TryGetValue(SetupIntentMetadata.CustomerId, out var rawCustomer) || !Guid.TryParse(rawCustomer, out var customerId)
            || !setupIntent.Metadata.TryGetValue(SetupIntentMetadata.TenantId, out var rawTenant) || rawTenant != tenantId.Value.ToString()
            || ProviderTypes.KindOf(setupIntent.Metadata.GetValueOrDefault(SetupIntentMetadata.PaymentMethodType)) is not { } kind)
        {
            // Not one of ours (made elsewhere on the account).
            return;
        }

        var providerCustomer = await db.Set<ProviderCustomer>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.CustomerId == customerId && p.ProviderCustomerId == providerCustomerId, cancellationToken);
        if (providerCustomer is null)
        {
            return;
        }

        var (locked, saved) = await store.LockAsync(providerCustomer.Id, cancellationToken);
        if (await db.Set<SavedPaymentMethod>().AnyAsync(m => m.CustomerId == customerId && m.ProviderPaymentMethodId == paymentMethodId, cancellationToken))
        {
            return;
        }

        if (!SavedPaymentMethodRules.CanSaveAnother(saved.Count))
        {
            LogLimitReached(logger, setupIntent.Id, SavedPaymentMethodRules.MaxPerCustomer);
            return;
        }

        var now = clock.UtcNow;
        var method = SavedPaymentMethod.Create(tenantId, customerId, locked.ProviderAccountId, locked.ProviderCustomerId, paymentMethodId, kind, null, now);
        var actor = setupIntent.Metadata.GetValueOrDefault(SetupIntentMetadata.Actor) is { Length: > 0 and <= PaymentMethodHistoryEntry.ActorMaxLength } named ? named : "stripe";
        db.Set<SavedPaymentMethod>().Add(method);
        store.Record(locked.Save(saved, method, actor, now));
        db.OutboxMessages.Add(DescribePaymentMethodMessage.Create(method, now));
        db.OutboxMessages.Add(OutboxMessage.For(tenantId, SavedPaymentMethodEvents.Saved, JsonSerializer.Serialize(
            new { savedPaymentMethodId = method.Id, customerId, kind = kind == PaymentMethodKind.Card ? "card" : "us_bank_account", savedAt = now, actor }, JsonSerializerOptions.Web), now));
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SetupIntent {SetupIntentId} succeeded for a customer who already keeps {Max} saved methods; its method was not saved.")]
    private static partial void LogLimitReached(ILogger logger, string setupIntentId, int max);
}

/// <summary>The outbox event of a saved payment method, for integrators' webhooks.</summary>
public static class SavedPaymentMethodEvents
{
    /// <summary>A customer saved a card or bank account for later payments.</summary>
    public const string Saved = "payment_method.saved";
}

/// <summary>Asks the provider for a saved method's details (brand, last four, expiry) once it was saved without them.</summary>
/// <param name="SavedPaymentMethodId">The method.</param>
public sealed record DescribePaymentMethodMessage(Guid SavedPaymentMethodId)
{
    public const string Type = "payment-method.describe";

    public static OutboxMessage Create(SavedPaymentMethod method, DateTimeOffset now) =>
        OutboxMessage.For(method.TenantId, Type, JsonSerializer.Serialize(new DescribePaymentMethodMessage(method.Id), JsonSerializerOptions.Web), now);
}

/// <summary>
/// Delivers <see cref="DescribePaymentMethodMessage"/>: the provider call runs outside any transaction, then the
/// details and the summaries of the method's history entries are written. A provider failure is retried by the
/// outbox; a method the provider does not know (any more) is not retried.
/// </summary>
internal sealed class DescribePaymentMethodHandler(IAppDbContext db, IUnitOfWork unitOfWork, IPaymentGateway gateway) : IOutboxHandler
{
    public string Type => DescribePaymentMethodMessage.Type;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        DescribePaymentMethodMessage request;
        try
        {
            request = JsonSerializer.Deserialize<DescribePaymentMethodMessage>(message.Payload, JsonSerializerOptions.Web)
                ?? throw new PermanentDeliveryException("Empty payload.");
        }
        catch (JsonException ex)
        {
            throw new PermanentDeliveryException("The payload is not a payment method to describe.", ex);
        }

        var method = await db.Set<SavedPaymentMethod>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.SavedPaymentMethodId, cancellationToken);
        if (method is null || method.IsDescribed)
        {
            return OutboxDelivery.Done;
        }

        GatewayPaymentMethod described;
        try
        {
            described = await gateway.GetPaymentMethodAsync(method.ProviderAccountId, method.ProviderPaymentMethodId, cancellationToken);
        }
        catch (PaymentGatewayException ex) when (ex.Kind == PaymentGatewayErrorKind.InvalidRequest)
        {
            throw new PermanentDeliveryException("The provider does not know this payment method.", ex);
        }

        if (SavedPaymentMethodViews.Describe(described).Display is not { } display)
        {
            throw new PermanentDeliveryException("The provider reported no details for this payment method.");
        }

        await unitOfWork.ExecuteAsync(
            async ct =>
            {
                var tracked = await db.Set<SavedPaymentMethod>().SingleAsync(m => m.Id == method.Id, ct);
                if (tracked.Describe(display))
                {
                    foreach (var entry in await db.Set<PaymentMethodHistoryEntry>().Where(h => h.SavedPaymentMethodId == method.Id).ToListAsync(ct))
                    {
                        entry.FillInSummary(tracked);
                    }

                    await db.SaveChangesAsync(ct);
                }

                return true;
            },
            _ => true,
            cancellationToken);
        return OutboxDelivery.Done;
    }
}

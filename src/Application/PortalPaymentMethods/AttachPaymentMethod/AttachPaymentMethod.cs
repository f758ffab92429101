using System.ComponentModel.DataAnnotations;
using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalPaymentMethods.AttachPaymentMethod;

/// <summary>The body of POST /v1/portal/payment-methods.</summary>
/// <param name="CustomerId">The customer the setup was started for.</param>
/// <param name="SetupIntentId">The seti_... id from POST /v1/portal/payment-methods/setup, once Stripe.js confirmed it.</param>
public sealed record AttachPaymentMethodRequest([property: Required] Guid? CustomerId, [property: Required] string? SetupIntentId);

/// <summary>A saved method, and whether this request saved it (or it was saved before, by Stripe's notification or an earlier request).</summary>
/// <param name="Created">Saved by this request.</param>
/// <param name="Method">The method.</param>
public sealed record AttachedPaymentMethod(bool Created, SavedPaymentMethodDto Method);

/// <summary>
/// Saves the method of a confirmed SetupIntent. Not in the mediator's transaction: it asks the provider about the
/// SetupIntent and the method first, then saves in a short transaction of its own.
/// </summary>
public sealed record AttachPaymentMethodCommand(AttachPaymentMethodRequest Body) : ISelfTransactedCommand<Result<AttachedPaymentMethod>>;

internal sealed class AttachPaymentMethodHandler(
    IAppDbContext db, IUnitOfWork unitOfWork, SavedMethodsGate gate, SavedPaymentMethodStore store, IPaymentGateway gateway, IClock clock)
    : ICommandHandler<AttachPaymentMethodCommand, Result<AttachedPaymentMethod>>
{
    public async ValueTask<Result<AttachedPaymentMethod>> Handle(AttachPaymentMethodCommand request, CancellationToken cancellationToken)
    {
        var customerId = request.Body.CustomerId!.Value;
        var account = await gate.AccountForAsync(customerId, cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error!;
        }

        var accountId = account.Value;

        var providerCustomer = await store.FindAsync(customerId, accountId, cancellationToken);
        if (providerCustomer is null)
        {
            return Error.NotFound("setup intent");
        }

        var found = await ConfirmedMethodAsync(request.Body.SetupIntentId!, customerId, providerCustomer, accountId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (paymentMethod, kind, display) = found.Value;
        var actor = gate.Actor;
        var today = gate.Today;
        var zone = await gate.ZoneAsync(cancellationToken);
        return await unitOfWork.ExecuteAsync(
            async ct =>
            {
                var (locked, saved) = await store.LockAsync(providerCustomer.Id, ct);
                var existing = await db.Set<SavedPaymentMethod>()
                    .SingleOrDefaultAsync(m => m.CustomerId == customerId && m.ProviderPaymentMethodId == paymentMethod.Id, ct);
                if (existing is { RemovedAt: not null })
                {
                    return Error.Conflict("payment_method_removed", "This payment method was removed; set up a new one.");
                }

                var created = existing is null;
                var method = existing ?? SavedPaymentMethod.Create(
                    locked.TenantId, customerId, accountId, locked.ProviderCustomerId, paymentMethod.Id, kind, display, clock.UtcNow);
                if (created)
                {
                    var history = locked.Save(saved, method, actor, clock.UtcNow);
                    db.Set<SavedPaymentMethod>().Add(method);
                    store.Record(history);
                    if (!method.IsDescribed)
                    {
                        db.OutboxMessages.Add(DescribePaymentMethodMessage.Create(method, clock.UtcNow));
                    }
                }
                else if (display is not null && method.Describe(display))
                {
                    // Saved by Stripe's notification before its details were known: fill them in, and in its history.
                    foreach (var entry in await db.Set<PaymentMethodHistoryEntry>().Where(h => h.SavedPaymentMethodId == method.Id).ToListAsync(ct))
                    {
                        entry.FillInSummary(method);
                    }
                }

                await db.SaveChangesAsync(ct);
                return (Result<AttachedPaymentMethod>)new AttachedPaymentMethod(created, SavedPaymentMethodViews.Of(method, locked.PrimaryPaymentMethodId, today, zone));
            },
            result => result.IsSuccess,
            cancellationToken);
    }

    /// <summary>
    /// The SetupIntent's method, when the SetupIntent exists on this account, was made by us for this customer of this
    /// tenant, and succeeded. Anything else that is not this customer's is 404 like an unknown id.
    /// </summary>
    private async Task<Result<(GatewayPaymentMethod Method, PaymentMethodKind Kind, PaymentMethodDisplay? Display)>> ConfirmedMethodAsync(
        string setupIntentId, Guid customerId, ProviderCustomer providerCustomer, string accountId, CancellationToken ct)
    {
        GatewaySetupIntent setupIntent;
        try
        {
            setupIntent = await gateway.GetSetupIntentAsync(accountId, setupIntentId, ct);
        }
        catch (PaymentGatewayException ex) when (ex.Kind == PaymentGatewayErrorKind.InvalidRequest)
        {
            return Error.NotFound("setup intent");
        }

        if (!setupIntent.Metadata.TryGetValue(SetupIntentMetadata.CustomerId, out var metaCustomer) || metaCustomer != customerId.ToString()
            || !setupIntent.Metadata.TryGetValue(SetupIntentMetadata.TenantId, out var metaTenant) || metaTenant != gate.TenantIdText
            || setupIntent.CustomerId != providerCustomer.ProviderCustomerId)
        {
            return Error.NotFound("setup intent");
        }

        if (setupIntent.Status != "succeeded" || setupIntent.PaymentMethodId is null)
        {
            return Error.Conflict(
                "setup_intent_not_succeeded",
                $"The SetupIntent is {setupIntent.Status}: confirm it with Stripe.js (and complete any authentication) before saving the method.");
        }

        var method = await gateway.GetPaymentMethodAsync(accountId, setupIntent.PaymentMethodId, ct);
        if (method.CustomerId is null)
        {
            method = await gateway.AttachPaymentMethodAsync(accountId, method.Id, providerCustomer.ProviderCustomerId, "attach-" + method.Id, ct);
        }
        else if (method.CustomerId != providerCustomer.ProviderCustomerId)
        {
            return Error.NotFound("setup intent");
        }

        var (kind, display) = SavedPaymentMethodViews.Describe(method);
        if (kind is null)
        {
            return Error.Unprocessable("unsupported_payment_method", $"Payment methods of type {method.Type} cannot be saved; use a card or a US bank account.");
        }

        return (method, kind.Value, display);
    }
}

using System.ComponentModel.DataAnnotations;
using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PortalPaymentMethods.SetUpPaymentMethod;

/// <summary>The body of POST /v1/portal/payment-methods/setup.</summary>
/// <param name="CustomerId">The customer to save the method for (billing access needed).</param>
/// <param name="Type">card or usBankAccount.</param>
public sealed record SetUpPaymentMethodRequest(
    [property: Required] Guid? CustomerId,
    [property: Required] [property: AllowedValues(PaymentMethodTypes.Card, PaymentMethodTypes.UsBankAccount)] string? Type);

/// <summary>
/// Starts saving a method: a SetupIntent on the company's account for the customer's provider customer (created at
/// the first setup). Not in the mediator's transaction: it calls the provider.
/// </summary>
public sealed record SetUpPaymentMethodCommand(SetUpPaymentMethodRequest Body) : ISelfTransactedCommand<Result<PaymentMethodSetupDto>>;

internal sealed class SetUpPaymentMethodHandler(
    SavedMethodsGate gate, SavedPaymentMethodStore store, IPaymentGateway gateway, IOptions<PaymentOptions> options)
    : ICommandHandler<SetUpPaymentMethodCommand, Result<PaymentMethodSetupDto>>
{
    public async ValueTask<Result<PaymentMethodSetupDto>> Handle(SetUpPaymentMethodCommand request, CancellationToken cancellationToken)
    {
        var customerId = request.Body.CustomerId!.Value;
        var account = await gate.AccountForAsync(customerId, cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error!;
        }

        var accountId = account.Value;

        // Checked again when the method is saved; refusing here spares the customer typing a card in vain.
        if (!SavedPaymentMethodRules.CanSaveAnother(await store.CountAsync(customerId, accountId, cancellationToken)))
        {
            return Error.Conflict("too_many_payment_methods", $"A customer keeps at most {SavedPaymentMethodRules.MaxPerCustomer} saved payment methods; remove one first.");
        }

        var providerCustomer = await store.EnsureAsync(customerId, accountId, cancellationToken);
        var kind = ProviderTypes.KindOfApiType(request.Body.Type)!.Value;
        var setupIntent = await gateway.CreateSetupIntentAsync(
            accountId,
            new CreateGatewaySetupIntent(providerCustomer.ProviderCustomerId, [ProviderTypes.Of(kind)], new Dictionary<string, string>
            {
                [SetupIntentMetadata.CustomerId] = customerId.ToString(),
                [SetupIntentMetadata.TenantId] = gate.TenantIdText,
                [SetupIntentMetadata.PaymentMethodType] = ProviderTypes.Of(kind),
                [SetupIntentMetadata.Actor] = gate.Actor,
            }),
            "setup-" + UuidV7.NewGuid().ToString("N"),
            cancellationToken);
        var clientSecret = setupIntent.ClientSecret ?? throw new InvalidOperationException("The payment provider answered a new SetupIntent without its client secret.");
        return new PaymentMethodSetupDto(setupIntent.Id, clientSecret, new StripeClientDto(options.Value.StripePublishableKey, accountId));
    }
}

namespace HeadlessPortal.Application.Payments;

/// <summary>Reacts to setup_intent.succeeded (a payment method the customer saved).</summary>
public interface ISetupIntentEvents
{
    Task HandleSucceededAsync(GatewaySetupIntent setupIntent, CancellationToken cancellationToken);
}

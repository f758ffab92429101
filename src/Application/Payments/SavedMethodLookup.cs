namespace HeadlessPortal.Application.Payments;

/// <summary>Finds a customer's saved payment method to charge it.</summary>
public interface ISavedPaymentMethodLookup
{
    /// <summary>The method, when it is saved (and not removed) for this customer; otherwise null.</summary>
    Task<ChargeableMethod?> FindAsync(Guid customerId, Guid savedPaymentMethodId, CancellationToken cancellationToken);

    /// <summary>The customer's primary method, if it has one: the default when paying.</summary>
    Task<ChargeableMethod?> PrimaryAsync(Guid customerId, CancellationToken cancellationToken);
}

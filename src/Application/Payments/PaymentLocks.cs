namespace HeadlessPortal.Application.Payments;

/// <summary>
/// Row locks for money: inside a transaction, the locked invoices and payments cannot be changed by any other
/// transaction until it ends. Taken in id order so two payments never wait on each other in a cycle.
/// </summary>
public interface IPaymentLocks
{
    /// <summary>Locks these invoices for the rest of the current transaction (which must be open).</summary>
    Task LockInvoicesAsync(IReadOnlyCollection<Guid> invoiceIds, CancellationToken cancellationToken);

    /// <summary>Locks one payment for the rest of the current transaction (which must be open).</summary>
    Task LockPaymentAsync(Guid paymentId, CancellationToken cancellationToken);
}

using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal.Rules;

namespace HeadlessPortal.Application.Portal;

/// <summary>
/// The signed-in user's view of the tenant for this request: the customers they can access, loaded once. Every
/// portal query starts from it, so nothing outside these customers can be read (PRODUCT.md#billing-access).
/// </summary>
public sealed class PortalViewer(CurrentPortalSession session, PortalCustomerAccess access)
{
    private IReadOnlyList<AccessibleCustomer>? _customers;

    public PortalSessionInfo Session => session.Required;

    public async Task<IReadOnlyList<AccessibleCustomer>> CustomersAsync(CancellationToken cancellationToken) =>
        _customers ??= await access.ForAsync(session.Required, cancellationToken);

    /// <summary>Ids of every customer the user can access (jobs, appointments, equipment, agreements, memberships, locations, shared documents).</summary>
    public async Task<IReadOnlyList<Guid>> CustomerIdsAsync(CancellationToken cancellationToken) =>
        (await CustomersAsync(cancellationToken)).Select(c => c.Id).ToList();

    /// <summary>Ids of the customers with billing access (invoices, payments, saved methods, estimates).</summary>
    public async Task<IReadOnlyList<Guid>> BillingCustomerIdsAsync(CancellationToken cancellationToken) =>
        (await CustomersAsync(cancellationToken)).Where(c => c.AccessLevel == AccessLevel.Billing).Select(c => c.Id).ToList();

    /// <summary>The user's access to one customer; null when they have none.</summary>
    public async Task<AccessLevel?> AccessToAsync(Guid customerId, CancellationToken cancellationToken) =>
        (await CustomersAsync(cancellationToken)).FirstOrDefault(c => c.Id == customerId)?.AccessLevel;

    /// <summary>Whether the user may see a record of <paramref name="kind"/> of that customer (false when they cannot access it at all).</summary>
    public async Task<bool> CanSeeAsync(Guid customerId, CustomerRecordKind kind, CancellationToken cancellationToken) =>
        await AccessToAsync(customerId, cancellationToken) is { } level && BillingAccess.CanSee(level, kind);
}

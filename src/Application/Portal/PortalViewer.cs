using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal.Rules;

namespace HeadlessPortal.Application.Portal;

/// <summary>
/// The signed-in user's view of the tenant for this request: the customers they can access, loaded once. Every
/// portal query starts from it, so nothing outside these customers can be read (PRODUCT.md#billing-access). Also the
/// tenant's settings as portal pages show them, kept by <see cref="PortalReadCache"/> while nothing of the tenant's changes.
/// </summary>
public sealed class PortalViewer(
    CurrentPortalSession session, PortalCustomerAccess access, IAppDbContext db, ICurrentTenant tenant, IClock clock, PortalReadCache cache)
{
    private IReadOnlyList<AccessibleCustomer>? _customers;
    private PortalTenantSettings? _tenant;

    public PortalSessionInfo Session => session.Required;

    /// <summary>The settings, time zone and "now" a portal page is shown with. Changes read theirs with <see cref="PortalContext.LoadAsync"/>.</summary>
    internal async Task<PortalContext> ContextAsync(CancellationToken cancellationToken) =>
        PortalContext.From(await TenantAsync(cancellationToken), clock.UtcNow);

    /// <summary>The tenant's portal settings, for pages that need nothing else.</summary>
    public async Task<Domain.Portal.PortalSettings> SettingsAsync(CancellationToken cancellationToken) =>
        (await TenantAsync(cancellationToken)).Settings;

    private async Task<PortalTenantSettings> TenantAsync(CancellationToken cancellationToken) =>
        _tenant ??= await cache.TenantSettingsAsync(tenant.Required().Value, () => PortalContext.ReadTenantAsync(db, tenant, clock, cancellationToken));

    /// <summary>Whether the tenant has connected a payment account (pages offer to pay only then); changes read it fresh.</summary>
    public async Task<bool> PaymentAccountConnectedAsync(CancellationToken cancellationToken) =>
        await cache.PaymentAccountConnectedAsync(tenant.Required().Value, () => Payments.PaymentAccounts.IsConnectedAsync(db, cancellationToken));

    /// <summary>The customers the user can access, kept by <see cref="PortalReadCache"/> while nothing of the tenant's changes.</summary>
    public async Task<IReadOnlyList<AccessibleCustomer>> CustomersAsync(CancellationToken cancellationToken) =>
        _customers ??= await cache.AccessAsync(tenant.Required().Value, session.Required.SessionId, () => access.ForAsync(session.Required, cancellationToken));

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

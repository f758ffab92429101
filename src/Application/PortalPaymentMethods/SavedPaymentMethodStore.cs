using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalPaymentMethods;

/// <summary>The metadata our SetupIntents carry, so a webhook knows whose method it is.</summary>
internal static class SetupIntentMetadata
{
    public const string CustomerId = "customer_id";
    public const string TenantId = "tenant_id";
    public const string PaymentMethodType = "payment_method_type";
    public const string Actor = "actor";
}

/// <summary>
/// What every portal request about saved methods checks first, in this order: the company keeps saved methods (409
/// saved_payment_methods_off), takes online payments with a connected account (409 payments_disabled), and the user
/// has billing access to the customer (404 otherwise, like a customer that does not exist).
/// </summary>
internal sealed class SavedMethodsGate(IAppDbContext db, PortalViewer viewer, ICurrentTenant tenant, IClock clock)
{
    /// <summary>The payment account (acct_...) saved methods live on now, or why they cannot be used.</summary>
    public async Task<Result<string>> AccountAsync(CancellationToken ct)
    {
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, ct);
        if (!settings.Features.SavedPaymentMethods)
        {
            return Error.Conflict("saved_payment_methods_off", "This company does not keep saved payment methods.");
        }

        var accountId = await PaymentAccounts.AccountIdAsync(db, ct);
        if (!Payable.OnlinePaymentsReady(settings.OnlinePaymentsEnabled, accountId is not null))
        {
            return Error.Conflict(NotPayableReason.PaymentsDisabled, "This company does not take online payments.");
        }

        return accountId!;
    }

    /// <summary>
    /// The account for one customer's saved methods: as <see cref="AccountAsync"/>, and 404 when the user has no billing
    /// access to the customer (PRODUCT.md#billing-access: saved methods are billing records).
    /// </summary>
    public async Task<Result<string>> AccountForAsync(Guid customerId, CancellationToken ct)
    {
        var account = await AccountAsync(ct);
        if (account.IsSuccess && !await CanSeeAsync(customerId, ct))
        {
            return Error.NotFound("customer");
        }

        return account;
    }

    /// <summary>The customers with billing access, by name.</summary>
    public async Task<IReadOnlyList<AccessibleCustomer>> BillingCustomersAsync(CancellationToken ct) =>
        (await viewer.CustomersAsync(ct)).Where(c => BillingAccess.CanSee(c.AccessLevel, CustomerRecordKind.SavedPaymentMethod)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The current tenant's id as our SetupIntents' metadata carries it.</summary>
    public string TenantIdText => tenant.Required().Value.ToString();

    /// <summary>Who acts, as the history records it.</summary>
    public string Actor => viewer.Session.UserId is { } userId ? $"portal-user:{userId}" : $"portal-link:{viewer.Session.SessionId}";

    /// <summary>The company's time zone, in which the portal shows times.</summary>
    public Task<TimeZoneInfo> ZoneAsync(CancellationToken ct) => TenantTime.ZoneAsync(db, tenant.Required(), ct);

    /// <summary>Today for card expiry (UTC).</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.UtcNow.UtcDateTime);

    /// <summary>A saved method (not removed, on the current account) of a customer the user has billing access to; null otherwise.</summary>
    public async Task<SavedPaymentMethod?> VisibleMethodAsync(Guid id, string accountId, CancellationToken ct)
    {
        var method = await db.Set<SavedPaymentMethod>().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id && m.RemovedAt == null && m.ProviderAccountId == accountId, ct);
        return method is not null && await CanSeeAsync(method.CustomerId, ct) ? method : null;
    }

    private Task<bool> CanSeeAsync(Guid customerId, CancellationToken ct) => viewer.CanSeeAsync(customerId, CustomerRecordKind.SavedPaymentMethod, ct);

    /// <summary>
    /// The account, and a saved method the user may change together with its provider customer; the account's problem
    /// when methods cannot be used, 404 when the method is not the user's to change.
    /// </summary>
    public async Task<Result<ChangeableMethod>> ChangeableMethodAsync(Guid id, CancellationToken ct)
    {
        var account = await AccountAsync(ct);
        if (!account.IsSuccess)
        {
            return account.Error!;
        }

        var visible = await VisibleMethodAsync(id, account.Value, ct);
        var providerCustomer = visible is null
            ? null
            : await db.Set<ProviderCustomer>().AsNoTracking().SingleOrDefaultAsync(p => p.CustomerId == visible.CustomerId && p.ProviderAccountId == account.Value, ct);
        return visible is null || providerCustomer is null ? Error.NotFound("payment method") : new ChangeableMethod(account.Value, visible, providerCustomer);
    }
}

/// <summary>A saved method the user may change, on the account it lives on, with its provider customer.</summary>
internal sealed record ChangeableMethod(string AccountId, SavedPaymentMethod Method, ProviderCustomer ProviderCustomer);

/// <summary>Provider customers and their saved methods: reading, creating, and changing under a row lock.</summary>
internal sealed class SavedPaymentMethodStore(IAppDbContext db, IUnitOfWork unitOfWork, IPaymentGateway gateway, ICurrentTenant tenant, IClock clock)
{
    /// <summary>The customer's provider customer on this account, if one was created.</summary>
    public Task<ProviderCustomer?> FindAsync(Guid customerId, string accountId, CancellationToken ct) =>
        db.Set<ProviderCustomer>().AsNoTracking().SingleOrDefaultAsync(p => p.CustomerId == customerId && p.ProviderAccountId == accountId, ct);

    /// <summary>
    /// The customer's provider customer, created at the provider and recorded when missing. The provider call runs
    /// outside any transaction, under an idempotency key derived from our customer id: two concurrent first setups
    /// get the same provider customer, and the unique index lets one of them record it.
    /// </summary>
    public async Task<ProviderCustomer> EnsureAsync(Guid customerId, string accountId, CancellationToken ct)
    {
        if (await FindAsync(customerId, accountId, ct) is { } existing)
        {
            return existing;
        }

        var tenantId = tenant.Required();
        var customer = await db.Set<Customer>().AsNoTracking().SingleAsync(c => c.Id == customerId, ct);
        var created = await gateway.CreateCustomerAsync(
            accountId,
            new CreateGatewayCustomer(customer.Name, customer.Emails.FirstOrDefault(), new Dictionary<string, string>
            {
                [SetupIntentMetadata.CustomerId] = customerId.ToString(),
                [SetupIntentMetadata.TenantId] = tenantId.Value.ToString(),
            }),
            "customer-" + customerId.ToString("N"),
            ct);
        try
        {
            return await unitOfWork.ExecuteAsync(
                async token =>
                {
                    var providerCustomer = ProviderCustomer.Create(tenantId, customerId, accountId, created.Id, clock.UtcNow);
                    db.Set<ProviderCustomer>().Add(providerCustomer);
                    await db.SaveChangesAsync(token);
                    return providerCustomer;
                },
                _ => true,
                ct);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<ProviderCustomer>(nameof(ProviderCustomer.CustomerId)))
        {
            db.ClearTracked();
            return (await FindAsync(customerId, accountId, ct))!;
        }
    }

    /// <summary>
    /// Inside a transaction: locks the provider customer's row until the transaction ends (an update of its version,
    /// which PostgreSQL holds as a row lock; SQLite's write transactions already hold the database lock), then loads
    /// it and the customer's saved methods, tracked. Every change of a customer's methods goes through here, so the
    /// primary and the limit are decided by one writer at a time.
    /// </summary>
    public async Task<(ProviderCustomer ProviderCustomer, List<SavedPaymentMethod> Saved)> LockAsync(Guid providerCustomerId, CancellationToken ct)
    {
        await db.Set<ProviderCustomer>().Where(p => p.Id == providerCustomerId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1), ct);
        var providerCustomer = await db.Set<ProviderCustomer>().SingleAsync(p => p.Id == providerCustomerId, ct);
        var saved = await db.Set<SavedPaymentMethod>()
            .Where(m => m.CustomerId == providerCustomer.CustomerId && m.ProviderAccountId == providerCustomer.ProviderAccountId && m.RemovedAt == null)
            .ToListAsync(ct);
        return (providerCustomer, saved);
    }

    /// <summary>How many methods the customer keeps on this account.</summary>
    public Task<int> CountAsync(Guid customerId, string accountId, CancellationToken ct) =>
        db.Set<SavedPaymentMethod>().CountAsync(m => m.CustomerId == customerId && m.ProviderAccountId == accountId && m.RemovedAt == null, ct);

    /// <summary>Adds history entries to the unit of work.</summary>
    public void Record(IEnumerable<PaymentMethodHistoryEntry> entries) => db.Set<PaymentMethodHistoryEntry>().AddRange(entries);
}

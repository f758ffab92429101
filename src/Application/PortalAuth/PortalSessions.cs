using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.PortalUsers;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth;

/// <summary>The answer of every sign-in: a short-lived access token and a refresh token that is replaced on each use.</summary>
/// <param name="AccessToken">JWT for Authorization: Bearer; 15 minutes.</param>
/// <param name="RefreshToken">Opaque; exchange it at POST /v1/portal/auth/refresh for a new pair. Single use.</param>
/// <param name="TokenType">Always Bearer.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
public sealed record PortalTokens(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);

/// <summary>A customer a portal user can see, and how much of it.</summary>
/// <param name="Id">The customer's id.</param>
/// <param name="Name">The customer's name.</param>
/// <param name="AccessLevel">billing (everything) or serviceOnly (no invoices, payments or estimates).</param>
public sealed record AccessibleCustomer(Guid Id, string Name, AccessLevel AccessLevel);

/// <summary>The signed-in session of the current portal request, once its access token checked out.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="UserId">The user; null for a portal-link session.</param>
/// <param name="Email">The user's email; null for a portal-link session.</param>
/// <param name="LinkCustomerId">For a portal-link session, its one customer.</param>
/// <param name="ExpiresAt">When the session ends at the latest.</param>
public sealed record PortalSessionInfo(Guid SessionId, Guid? UserId, string? Email, Guid? LinkCustomerId, DateTimeOffset ExpiresAt);

/// <summary>Who is signed in for this request (set by the portal authentication handler).</summary>
public sealed class CurrentPortalSession
{
    public PortalSessionInfo? Value { get; private set; }

    public PortalSessionInfo Required => Value ?? throw new InvalidOperationException("No portal session in this request.");

    public void Set(PortalSessionInfo session) => Value = session;
}

/// <summary>
/// Which customers a portal user can see: every customer whose record lists the user's email as a portal
/// contact that was not revoked (DESIGN.md §2). Worked out on every request, so a revocation bites at once.
/// </summary>
public sealed class PortalCustomerAccess(IAppDbContext db)
{
    public async Task<IReadOnlyList<AccessibleCustomer>> ForAsync(PortalSessionInfo session, CancellationToken cancellationToken)
    {
        if (session.LinkCustomerId is { } linkCustomer)
        {
            // A portal link is texted to the customer's own phone: it stands for the customer, billing included.
            return await db.Set<Customer>().AsNoTracking().Where(c => c.Id == linkCustomer)
                .Select(c => new AccessibleCustomer(c.Id, c.Name, AccessLevel.Billing)).ToListAsync(cancellationToken);
        }

        return await ForEmailAsync(session.Email!, cancellationToken);
    }

    public async Task<IReadOnlyList<AccessibleCustomer>> ForEmailAsync(string email, CancellationToken cancellationToken)
    {
        var rows = await (
            from contact in db.Set<PortalContact>().AsNoTracking()
            where contact.Email == email && contact.PortalAccessRevokedAt == null
            join customer in db.Set<Customer>().AsNoTracking() on contact.CustomerId equals customer.Id
            select new { customer.Id, customer.Name, contact.AccessLevel }).ToListAsync(cancellationToken);

        // Two contacts of one customer with the same email: the more generous level applies.
        return rows.GroupBy(r => r.Id)
            .Select(g => new AccessibleCustomer(g.Key, g.First().Name, BillingAccess.Combine(g.Select(r => r.AccessLevel))))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id)
            .ToList();
    }

    public Task<bool> AnyForEmailAsync(string email, CancellationToken cancellationToken) =>
        (from contact in db.Set<PortalContact>()
         where contact.Email == email && contact.PortalAccessRevokedAt == null
         join customer in db.Set<Customer>() on contact.CustomerId equals customer.Id
         select contact.Id).AnyAsync(cancellationToken);
}

/// <summary>
/// The signed-in user's view of the tenant for this request: the customers they can access, loaded once. Every
/// portal query starts from it, so nothing outside these customers can be read (DESIGN.md §2).
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

/// <summary>Starts sessions and hands out their tokens.</summary>
public sealed class PortalSessionStarter(IAppDbContext db, ISecrets secrets, IClock clock, IPortalAccessTokenIssuer issuer)
{
    public const string RefreshTokenPrefix = "rt_";

    /// <summary>Adds the session and its first refresh token to the context (the caller saves); answers the refresh token.</summary>
    public string Add(PortalSession session)
    {
        db.Set<PortalSession>().Add(session);
        return AddRefreshToken(session);
    }

    /// <summary>Adds a new refresh token to a session (the caller saves); answers it.</summary>
    public string AddRefreshToken(PortalSession session)
    {
        var refresh = secrets.NewSecret(RefreshTokenPrefix);
        db.Set<RefreshToken>().Add(RefreshToken.Issue(session, secrets.Hash(refresh), clock.UtcNow));
        return refresh;
    }

    /// <summary>Signs the access token for a saved session; outside any transaction, as signing may read the keys.</summary>
    public async Task<PortalTokens> TokensAsync(PortalSession session, string refreshToken, string issuerUrl, CancellationToken cancellationToken)
    {
        var subject = session.UserId?.ToString() ?? "link:" + session.LinkCustomerId;
        var access = await issuer.IssueAsync(new PortalAccessClaims(session.TenantId.Value, session.Id, subject), issuerUrl, cancellationToken);
        return new PortalTokens(access.Token, refreshToken, "Bearer", access.ExpiresInSeconds);
    }

    /// <summary>Ends every open session of a user except <paramref name="keep"/>; the caller saves.</summary>
    public async Task EndUserSessionsAsync(Guid userId, SessionEndReason reason, Guid? keep, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var open = await db.Set<PortalSession>().Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var session in open.Where(s => s.Id != keep))
        {
            session.End(reason, now);
        }
    }
}

using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Portal;

/// <summary>A customer a portal user can see, and how much of it.</summary>
/// <param name="Id">The customer's id.</param>
/// <param name="Name">The customer's name.</param>
/// <param name="AccessLevel">billing (everything) or serviceOnly (no invoices, payments or estimates).</param>
public sealed record AccessibleCustomer(Guid Id, string Name, AccessLevel AccessLevel);

/// <summary>
/// Which customers a portal user can see: every customer whose record lists the user's email as a portal
/// contact that was not revoked (PRODUCT.md#billing-access). Worked out on every request, so a revocation bites at once.
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

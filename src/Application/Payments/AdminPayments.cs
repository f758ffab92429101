using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments;

/// <summary>What the office's payment views read beside the payments.</summary>
internal static class AdminPayments
{
    /// <summary>The customers of a page of payments, removed ones included (a payment outlives its customer's removal).</summary>
    public static async Task<Dictionary<Guid, PaymentCustomerDto>> CustomersAsync(IAppDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
                .Where(c => wanted.Contains(c.Id))
                .Select(c => new PaymentCustomerDto(c.Id, c.ExternalId, c.Name))
                .ToDictionaryAsync(c => c.Id, ct);
    }
}

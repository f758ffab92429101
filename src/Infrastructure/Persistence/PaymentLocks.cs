using HeadlessPortal.Application.Payments;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL: <c>SELECT … FOR UPDATE</c> on the rows, in id order. SQLite: nothing to do, because every write
/// transaction starts with BEGIN IMMEDIATE and so already holds the database's single write lock.
/// </summary>
internal sealed class PaymentLocks(AppDbContext db) : IPaymentLocks
{
    public Task LockInvoicesAsync(IReadOnlyCollection<Guid> invoiceIds, CancellationToken cancellationToken) =>
        LockAsync("Invoices", invoiceIds.Distinct().Order().ToArray(), cancellationToken);

    public Task LockPaymentAsync(Guid paymentId, CancellationToken cancellationToken) =>
        LockAsync("Payments", [paymentId], cancellationToken);

    private async Task LockAsync(string table, Guid[] ids, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Row locks are taken inside a transaction.");
        }

        if (!db.Database.IsNpgsql() || ids.Length == 0)
        {
            return;
        }

#pragma warning disable EF1002 // The table name is one of two constants; the ids are a parameter.
        await db.Database.ExecuteSqlRawAsync(
            $"SELECT 1 FROM \"{table}\" WHERE \"Id\" = ANY(@p0) ORDER BY \"Id\" FOR UPDATE",
            [new Npgsql.NpgsqlParameter("p0", ids)],
            cancellationToken);
#pragma warning restore EF1002
    }
}

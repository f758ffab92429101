using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Persistence;
using HeadlessPortal.Domain.Billing;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalInvoices;

/// <summary>
/// The sort key of the portal's invoice lists: unpaid first, then the newest issue date, then the id (all
/// descending after the first). A cursor carries the whole key, so the next page starts exactly after the last row.
/// </summary>
internal readonly record struct InvoiceKey(bool Unpaid, DateOnly IssueDate, Guid Id) : IComparable<InvoiceKey>
{
    private const int Length = 1 + 4 + 16;

    /// <summary>Negative when this key comes first in the list.</summary>
    public int CompareTo(InvoiceKey other) =>
        Unpaid != other.Unpaid ? (Unpaid ? -1 : 1)
        : IssueDate != other.IssueDate ? other.IssueDate.CompareTo(IssueDate)
        : other.Id.CompareTo(Id);

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Unpaid ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32BigEndian(bytes[1..], IssueDate.DayNumber);
        Id.TryWriteBytes(bytes[5..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? cursor, [NotNullWhen(true)] out InvoiceKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(cursor) || !Base64Url.IsValid(cursor, out var length) || length != Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        Base64Url.DecodeFromChars(cursor, bytes);
        var day = BinaryPrimitives.ReadInt32BigEndian(bytes[1..]);
        if (bytes[0] > 1 || day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber)
        {
            return false;
        }

        key = new InvoiceKey(bytes[0] == 1, DateOnly.FromDayNumber(day), new Guid(bytes[5..], bigEndian: true));
        return true;
    }
}

/// <summary>The unpaid visible invoices of one Bill-To customer, in sums.</summary>
/// <param name="Balance">Their balances.</param>
/// <param name="Pending">What payments under way hold of them.</param>
/// <param name="Count">How many they are.</param>
internal sealed record OpenBalance(long Balance, long Pending, int Count);

/// <summary>What a list shows of an invoice, read without its lines and payments.</summary>
internal sealed record InvoiceRow(Guid Id, string Number, Guid BillToId, DateOnly IssueDate, DateOnly? DueDate, string Currency, long Total, long Balance, string? Summary, Guid? JobId, long PaymentHold = 0)
{
    public InvoiceKey Key => new(Balance > 0, IssueDate, Id);
}

/// <summary>
/// Invoices a portal user may see (PRODUCT.md#invoice-visibility, <see cref="Domain.Portal.Rules.InvoiceVisibility"/>): the caller
/// passes only Bill-To customers with billing access (a); here the invoice ever had a balance (b) and its business
/// unit is visible (c); with invoice &amp; payment off there are none (d). The partial indexes of migration
/// PortalInvoiceIndexes hold exactly the visible candidates, unpaid and paid apart, per Bill-To customer in list order.
/// Unpaid invoices are few per customer, so they are read for all the user's customers in one statement (the open
/// balances sum the same rows); paid ones can be thousands, so each customer's are read as one index range.
/// </summary>
internal static class VisibleInvoices
{
    // The reads below are compiled queries (docs/PERFORMANCE.md, "Round four"): each is one statement shape, so the choices
    // that used to build a different query are parameters. No cursor is a bound past every row (the last day, the
    // highest id), which keeps the same index range; "every business unit" is a flag beside the list of visible ones.
    private static readonly DateOnly NoDateBound = DateOnly.MaxValue;

    /// <summary>One customer's paid rows, by equality: they come out of the partial index in list order, so a page stops after the page.</summary>
    private static readonly CompiledQuery<Func<DbContext, Guid, bool, List<string>, DateOnly, Guid, int, IAsyncEnumerable<InvoiceRow>>> PaidRows = new(() => EF.CompileAsyncQuery(
        (DbContext db, Guid billToId, bool allUnits, List<string> units, DateOnly date, Guid id, int take) =>
            db.Set<Invoice>().AsNoTracking()
                .Where(i => i.BillToId == billToId && i.EverHadBalance && i.Balance == 0)
                .Where(i => allUnits || (i.BusinessUnitExternalId != null && units.Contains(i.BusinessUnitExternalId)))
                .Where(i => i.IssueDate <= date && (i.IssueDate < date || i.Id < id))
                .OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id).Take(take)
                .Select(i => new InvoiceRow(i.Id, i.Number, i.BillToId, i.IssueDate, i.DueDate, i.Currency, i.Total, i.Balance, i.Summary, i.JobId, i.PaymentHold))));

    /// <summary>Several customers' unpaid rows (json_each on SQLite): read id by id and sorted, fine for the few unpaid ones.</summary>
    private static readonly CompiledQuery<Func<DbContext, List<Guid>, bool, List<string>, DateOnly, Guid, int, IAsyncEnumerable<InvoiceRow>>> UnpaidRows = new(() => EF.CompileAsyncQuery(
        (DbContext db, List<Guid> billToIds, bool allUnits, List<string> units, DateOnly date, Guid id, int take) =>
            db.Set<Invoice>().AsNoTracking()
                .Where(i => billToIds.Contains(i.BillToId) && i.EverHadBalance && i.Balance > 0)
                .Where(i => allUnits || (i.BusinessUnitExternalId != null && units.Contains(i.BusinessUnitExternalId)))
                .Where(i => i.IssueDate <= date && (i.IssueDate < date || i.Id < id))
                .OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id).Take(take)
                .Select(i => new InvoiceRow(i.Id, i.Number, i.BillToId, i.IssueDate, i.DueDate, i.Currency, i.Total, i.Balance, i.Summary, i.JobId, i.PaymentHold))));

    private static readonly CompiledQuery<Func<DbContext, List<Guid>, bool, List<string>, IAsyncEnumerable<OpenBalanceRow>>> UnpaidTotals = new(() => EF.CompileAsyncQuery(
        (DbContext db, List<Guid> billToIds, bool allUnits, List<string> units) =>
            db.Set<Invoice>().AsNoTracking()
                .Where(i => billToIds.Contains(i.BillToId) && i.EverHadBalance && i.Balance > 0)
                .Where(i => allUnits || (i.BusinessUnitExternalId != null && units.Contains(i.BusinessUnitExternalId)))
                .GroupBy(i => i.BillToId)
                .Select(g => new OpenBalanceRow(
                    g.Key,
                    g.Sum(i => i.Balance),
                    g.Sum(i => i.PaymentHold < 0 ? 0 : i.PaymentHold < i.Balance ? i.PaymentHold : i.Balance),
                    g.Count()))));

    /// <summary>
    /// Up to <paramref name="take"/> rows after <paramref name="after"/> in list order, over several Bill-To customers:
    /// one statement for the unpaid rows of all of them, then at most one index range per customer for the paid rows,
    /// merged in memory; the cost follows the page size, the unpaid invoices and the number of the user's customers,
    /// never the size of the table.
    /// </summary>
    public static async Task<IReadOnlyList<InvoiceRow>> ReadAsync(
        IAppDbContext db, IReadOnlyList<Guid> billToIds, Domain.Portal.PortalSettings settings, string status, InvoiceKey? after, int take, CancellationToken ct)
    {
        var rows = new List<InvoiceRow>();
        if (billToIds.Count == 0 || !Domain.Portal.Rules.InvoiceVisibility.InvoicesShown(settings.Features))
        {
            return rows;
        }

        var (allUnits, units) = Units(settings);
        if (status != PortalInvoiceStatus.Paid && after is not { Unpaid: false })
        {
            var (date, id) = Bound(after);
            var (unpaidRows, context) = UnpaidRows.For(db);
            rows.AddRange(await unpaidRows(context, billToIds as List<Guid> ?? billToIds.ToList(), allUnits, units, date, id, take).ToListAsync(ct));
        }

        // Every unpaid row comes before every paid one, so each customer gives at most what the unpaid rows left.
        var paidWanted = take - rows.Count;
        if (status != PortalInvoiceStatus.Open && paidWanted > 0)
        {
            var (date, id) = Bound(after is { Unpaid: false } ? after : null);
            var (paidRows, context) = PaidRows.For(db);
            foreach (var billTo in billToIds)
            {
                rows.AddRange(await paidRows(context, billTo, allUnits, units, date, id, paidWanted).ToListAsync(ct));
            }
        }

        rows.Sort((a, b) => a.Key.CompareTo(b.Key));
        return rows.Count > take ? rows.GetRange(0, take) : rows;
    }

    /// <summary>
    /// Per Bill-To customer, over its unpaid visible invoices: the open balance, what payments under way hold of it
    /// (<see cref="Domain.Portal.Rules.Payable.AmountPending"/>), what of it is free for a new payment, and how many they
    /// are. One statement for all the customers.
    /// </summary>
    public static async Task<Dictionary<Guid, OpenBalance>> OpenBalancesAsync(
        IAppDbContext db, IReadOnlyList<Guid> billToIds, Domain.Portal.PortalSettings settings, CancellationToken ct)
    {
        var result = billToIds.ToDictionary(id => id, _ => new OpenBalance(0, 0, 0));
        if (billToIds.Count == 0 || !Domain.Portal.Rules.InvoiceVisibility.InvoicesShown(settings.Features))
        {
            return result;
        }

        var (allUnits, units) = Units(settings);
        var (unpaidTotals, context) = UnpaidTotals.For(db);
        await foreach (var total in unpaidTotals(context, billToIds as List<Guid> ?? billToIds.ToList(), allUnits, units).WithCancellation(ct))
        {
            result[total.BillToId] = new OpenBalance(total.Balance, total.Pending, total.Count);
        }

        return result;
    }

    /// <summary>Whether every business unit is visible, else the visible ones (PRODUCT.md#invoice-visibility, rule c).</summary>
    private static (bool All, List<string> Units) Units(Domain.Portal.PortalSettings settings) =>
        settings.VisibleBusinessUnitIds.Count == 0 ? (true, []) : (false, settings.VisibleBusinessUnitIds.ToList());

    /// <summary>
    /// The values of the queries' <c>IssueDate &lt;= @date AND (IssueDate &lt; @date OR Id &lt; @id)</c>: a cursor's key (the
    /// first term bounds the index range, the second drops the rows of its own date already shown), or with no cursor a
    /// bound past every row (the last day, <c>infinity</c> on PostgreSQL, and the highest id).
    /// </summary>
    private static (DateOnly Date, Guid Id) Bound(InvoiceKey? after) =>
        after is { } key ? (key.IssueDate, key.Id) : (NoDateBound, Guid.AllBitsSet);

    private sealed record OpenBalanceRow(Guid BillToId, long Balance, long Pending, int Count);
}

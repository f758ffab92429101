using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.PortalJobs;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

/// <summary>
/// A later page of a portal list (a few customers' rows) reads through the customers' index on SQLite, whatever the
/// size of the tenant (docs/decisions/0019-hot-portal-reads-are-compiled-queries.md). The planner's statistics of the
/// benchmark's 1M-invoice tenant are written in by hand, so the SQLite the API runs plans as it does there.
/// </summary>
public sealed class KeysetPagingPlanTests : MigratedSqliteTests
{
    [Fact]
    public async Task ALaterPage_OfAFewCustomersJobs_ReadsTheCustomersIndex_NotTheTenantsJobsFromTheCursor()
    {
        await using var scope = Provider.CreateAsyncScope();
        var db = await WithMillionJobStatisticsAsync(scope);

        var asRowFilter = Plan(db, SqlOf(db, boundAsRowFilter: true));
        var asRange = Plan(db, SqlOf(db, boundAsRowFilter: false));

        Assert.Contains("IX_Jobs_TenantId_CustomerId_Id", asRowFilter, StringComparison.Ordinal);
        Assert.DoesNotContain("IX_Jobs_TenantId_Id ", asRowFilter, StringComparison.Ordinal);

        // The plain bound, as the admin lists keep it: with these statistics SQLite walks the tenant's jobs by id.
        Assert.Contains("IX_Jobs_TenantId_Id (TenantId=? AND Id<?)", asRange, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJobsTab_OnItsFirstAndLaterPages_ReadsTheCustomersIndex()
    {
        await using var scope = Provider.CreateAsyncScope();
        var db = await WithMillionJobStatisticsAsync(scope);
        var customerIds = new List<Guid> { Guid.CreateVersion7(), Guid.CreateVersion7() };

        // The statement the API sends: the tab's compiled query, run on the scope's connection, which keeps it prepared.
        var (page, context) = JobTabQueries.Pages[JobTab.Upcoming].For(db);
        Assert.Empty(await page(context, customerIds, DateTimeOffset.UtcNow.UtcTicks, false, Guid.CreateVersion7(), 26).ToListAsync());
        var statements = PreparedStatements(db);

        var sql = Assert.Single(statements, s => s.Contains("FROM \"Jobs\" AS \"j\"", StringComparison.Ordinal));
        var plan = Plan(db, sql);
        Assert.Contains("SEARCH j USING INDEX IX_Jobs_TenantId_CustomerId_Id", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("IX_Jobs_TenantId_Id ", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInvoiceList_ReadsTheUnpaidAndPaidRowsThroughTheirPartialIndexes_WithPlansIndependentOfTheValues()
    {
        // The connections plan once for all values (QPSG, decision 22): the partial indexes' conditions are constants in
        // the SQL, so the statements the API prepares still read them.
        await using var scope = Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        var settings = Domain.Portal.PortalSettings.CreateDefault(new Domain.Tenants.TenantId(Guid.CreateVersion7()), DateTimeOffset.UtcNow);
        var customerIds = new List<Guid> { Guid.CreateVersion7(), Guid.CreateVersion7() };

        Assert.Empty(await Application.PortalInvoices.VisibleInvoices.ReadAsync(db, customerIds, settings, "all", null, 26, CancellationToken.None));
        var statements = PreparedStatements(db);

        var unpaid = Assert.Single(statements, s => s.Contains("FROM \"Invoices\"", StringComparison.Ordinal) && s.Contains("\"Balance\" > 0", StringComparison.Ordinal));
        var paid = Assert.Single(statements, s => s.Contains("FROM \"Invoices\"", StringComparison.Ordinal) && s.Contains("\"Balance\" = 0", StringComparison.Ordinal));
        Assert.Contains("USING INDEX IX_Invoices_Portal_Unpaid", Plan(db, unpaid), StringComparison.Ordinal);
        Assert.Contains("USING INDEX IX_Invoices_Portal_Paid", Plan(db, paid), StringComparison.Ordinal);
    }

    private static async Task<AppDbContext> WithMillionJobStatisticsAsync(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.ExecuteSqlRawAsync("""
            ANALYZE;
            DELETE FROM sqlite_stat1 WHERE tbl = 'Jobs';
            INSERT INTO sqlite_stat1 VALUES
                ('Jobs', 'IX_Jobs_TenantId_CustomerId_Id', '1000000 1001 5 1'),
                ('Jobs', 'IX_Jobs_TenantId_Id', '1000000 1001 1'),
                ('Jobs', 'IX_Jobs_TenantId_ExternalId', '1000000 1001 1'),
                ('Jobs', 'IX_Jobs_LocationId', '1000000 5'),
                ('Jobs', 'IX_Jobs_JobTypeId', '1000000 1001'),
                ('Jobs', 'IX_Jobs_CustomerId', '1000000 5'),
                ('Jobs', 'IX_Jobs_BusinessUnitId', '1000000 1001'),
                ('Jobs', 'sqlite_autoindex_Jobs_1', '1000000 1');
            ANALYZE sqlite_schema;
            """);
        return db;
    }

    /// <summary>The SQL of a page after a cursor of two customers' jobs, newest first, through the shared keyset paging.</summary>
    private static string SqlOf(AppDbContext db, bool boundAsRowFilter)
    {
        var customerIds = new List<Guid> { Guid.CreateVersion7(), Guid.CreateVersion7() };
        var take = 26;
        var sql = db.Set<Job>().AsNoTracking()
            .Where(j => customerIds.Contains(j.CustomerId))
            .After(Guid.CreateVersion7(), j => j.Id, newestFirst: true, boundAsRowFilter)
            .OrderByDescending(j => j.Id)
            .Take(take)
            .ToQueryString();

        // ToQueryString writes the parameters' values first, as sqlite3 shell commands; the plan does not need them.
        return string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
    }

    /// <summary>The SQL of every statement prepared on the scope's connection.</summary>
    private static List<string> PreparedStatements(AppDbContext db)
    {
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle;
        var statements = new List<string>();
        for (var stmt = raw.sqlite3_next_stmt(handle, null); stmt is not null; stmt = raw.sqlite3_next_stmt(handle, stmt))
        {
            statements.Add(raw.sqlite3_sql(stmt).utf8_to_string());
        }

        return statements;
    }

    /// <summary>EXPLAIN QUERY PLAN of a statement on the scope's connection, its parameters left unbound.</summary>
    private static string Plan(AppDbContext db, string sql)
    {
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle;
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(handle, "EXPLAIN QUERY PLAN " + sql, out var stmt));
        using (stmt)
        {
            var rows = new List<string>();
            while (raw.sqlite3_step(stmt) == raw.SQLITE_ROW)
            {
                rows.Add(raw.sqlite3_column_text(stmt, 3).utf8_to_string());
            }

            return string.Join(" | ", rows) + " ";
        }
    }
}

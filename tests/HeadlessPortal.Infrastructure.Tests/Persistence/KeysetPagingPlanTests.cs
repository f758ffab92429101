using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Work;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

/// <summary>
/// A later page of a portal list (a few customers' rows) reads through the customers' index on SQLite, whatever the
/// size of the tenant (docs/decisions/0019-hot-portal-reads-are-compiled-queries.md). The planner's statistics of the
/// benchmark's 1M-invoice tenant are written in by hand, so SQLite plans as it does there.
/// </summary>
public sealed class KeysetPagingPlanTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        _provider = await InfrastructureHost.BuildMigratedAsync(_database);
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ALaterPage_OfAFewCustomersJobs_ReadsTheCustomersIndex_NotTheTenantsJobsFromTheCursor()
    {
        await using var scope = _provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await ExecuteAsync(db, """
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

        var asRowFilter = await PlanAsync(db, boundAsRowFilter: true);
        var asRange = await PlanAsync(db, boundAsRowFilter: false);

        Assert.Contains("IX_Jobs_TenantId_CustomerId_Id", asRowFilter, StringComparison.Ordinal);
        Assert.DoesNotContain("IX_Jobs_TenantId_Id ", asRowFilter, StringComparison.Ordinal);

        // The plain bound, as the admin lists keep it: with these statistics SQLite walks the tenant's jobs by id.
        Assert.Contains("IX_Jobs_TenantId_Id (TenantId=? AND Id<?)", asRange, StringComparison.Ordinal);
    }

    /// <summary>EXPLAIN QUERY PLAN of a page after a cursor of two customers' jobs, newest first (the jobs tab's shape, its tab filter aside).</summary>
    private static async Task<string> PlanAsync(AppDbContext db, bool boundAsRowFilter)
    {
        var customerIds = new List<Guid> { Guid.CreateVersion7(), Guid.CreateVersion7() };
        var take = 26;
        var sql = db.Set<Job>().AsNoTracking()
            .Where(j => customerIds.Contains(j.CustomerId))
            .After(Guid.CreateVersion7(), j => j.Id, newestFirst: true, boundAsRowFilter)
            .OrderByDescending(j => j.Id)
            .Take(take)
            .ToQueryString();

        // ToQueryString writes the parameters first as sqlite3 shell commands (".param set @name value").
        var lines = sql.Split('\n');
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        foreach (var line in lines.Where(line => line.StartsWith(".param set ", StringComparison.Ordinal)))
        {
            var nameAndValue = line[".param set ".Length..].Split(' ', 2);
            var parameter = command.CreateParameter();
            parameter.ParameterName = nameAndValue[0];
            parameter.Value = nameAndValue[1].Trim().Trim('\'');
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(3));
        }

        return string.Join(" | ", rows) + " ";
    }

    private static async Task ExecuteAsync(AppDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

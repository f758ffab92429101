using System.Data.Common;
using System.Globalization;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.Infrastructure.Services;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Imports;

/// <summary>
/// An import inserts new records with statements of its own (on SQLite, values bound natively by position). A stored
/// value in another form than EF's (a GUID in lowercase, a date or decimal formatted otherwise, an integer stored as
/// text) would read back equal through EF and yet never match a query's parameter: so this compares the stored values
/// themselves, each with its storage class.
/// </summary>
public sealed class BulkInsertColumnTests
{
    [Fact]
    public async Task SaveNewRecordsInBulk_OnSqlite_StoresEveryColumnOfEverySyncedTableExactlyAsSaveChangesStoredIt()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["Demo:Seed"] = "true", ["Stripe:UseFakeServer"] = "false" }, environment: "Development");
        _ = factory.CreateClient();

        // The demo company was seeded through the sync API's path, which saves with SaveChanges.
        Guid tenantId;
        await using (var lookup = factory.Services.CreateAsyncScope())
        {
            tenantId = (await lookup.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.SingleAsync()).Id.Value;
        }

        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(new Domain.Tenants.TenantId(tenantId));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var synced = db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.BaseType is null && typeof(SyncedEntity).IsAssignableFrom(t.ClrType)).ToList();
        var saved = new Dictionary<string, List<string>>();
        foreach (var type in synced)
        {
            saved[type.GetTableName()!] = await StoredRowsAsync(db, type);
        }

        Assert.All(new[] { "Customers", "Locations", "Jobs", "Appointments", "Invoices", "Proposals", "Equipment", "Technicians" }, table => Assert.NotEmpty(saved[table]));

        // The same records again, inserted by the bulk path: read, deleted and added anew, inside a transaction rolled back
        // at the end. Foreign keys are off meanwhile, so deleting a parent neither cascades nor fails.
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var records = new List<SyncedEntity>();
            foreach (var type in synced)
            {
                records.AddRange((await AllAsync(db, type)).Cast<SyncedEntity>());
                await ExecuteAsync(db, $"DELETE FROM \"{type.GetTableName()}\"");
            }

            // As an import hands them over: new records the context never tracked.
            await ((IAppDbContext)db).SaveNewRecordsInBulkAsync(records, CancellationToken.None);

            foreach (var type in synced)
            {
                Assert.Equal(saved[type.GetTableName()!], await StoredRowsAsync(db, type));
            }

            await transaction.RollbackAsync();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON");
        }
    }

    private static async Task ExecuteAsync(AppDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Each row as one line: every column's name, SQLite storage class and value.</summary>
    private static async Task<List<string>> StoredRowsAsync(AppDbContext db, IEntityType type)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT * FROM \"{type.GetTableName()}\" ORDER BY \"Id\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={Stored(reader, i)}")));
        }

        return rows;
    }

    private static string Stored(DbDataReader reader, int column) => reader.GetValue(column) switch
    {
        DBNull => "null",
        long value => "integer:" + value.ToString(CultureInfo.InvariantCulture),
        double value => "real:" + value.ToString("R", CultureInfo.InvariantCulture),
        string value => "text:" + value,
        byte[] value => "blob:" + Convert.ToHexString(value),
        var other => other.GetType().Name + ":" + other,
    };

    private static async Task<List<object>> AllAsync(AppDbContext db, IEntityType type) =>
        await (Task<List<object>>)typeof(BulkInsertColumnTests).GetMethod(nameof(AllOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType).Invoke(null, [db])!;

    private static async Task<List<object>> AllOfAsync<T>(AppDbContext db)
        where T : class =>
        (await db.Set<T>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Cast<object>().ToList();
}

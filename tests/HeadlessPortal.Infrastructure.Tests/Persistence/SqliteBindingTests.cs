using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

/// <summary>
/// The import's native binding stores each value in the form an EF parameter of the same type stores it: checked value
/// by value against Microsoft.Data.Sqlite, through SQLite's own <c>typeof</c> and <c>quote</c>.
/// </summary>
public sealed class SqliteBindingTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly DbContext _context;

    public SqliteBindingTests()
    {
        _connection.Open();
        _context = new DbContext(new DbContextOptionsBuilder().UseSqlite(_connection).Options);
    }

    public static TheoryData<object?, Type> Values => new()
    {
        { "plain", typeof(string) },
        { string.Empty, typeof(string) },
        { "Zoë's café €5 — 日本 🙂", typeof(string) },
        { new string('x', 700) + "é", typeof(string) },
        { null, typeof(string) },
        { 42L, typeof(long) },
        { -7, typeof(int) },
        { (short)3, typeof(short) },
        { (byte)255, typeof(byte) },
        { true, typeof(bool) },
        { false, typeof(bool) },
        { 0.1, typeof(double) },
        { new byte[] { 0, 1, 254 }, typeof(byte[]) },
        { Guid.Parse("0192f3a4-5b6c-7d8e-9fab-cdef01234567"), typeof(Guid) },
        { new DateOnly(2026, 2, 28), typeof(DateOnly) },
        { new DateTimeOffset(2026, 12, 5, 13, 4, 5, 120, TimeSpan.FromHours(-6)), typeof(DateTimeOffset) },
        { new DateTimeOffset(2026, 12, 5, 13, 4, 5, TimeSpan.Zero), typeof(DateTimeOffset) },
        { 1234.5m, typeof(decimal) },
        { 10m, typeof(decimal) },
        { -0.0001m, typeof(decimal) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Bind_StoresTheValueAsAnEfParameterOfItsTypeIsStored(object? value, Type type)
    {
        var mapping = _context.GetService<IRelationalTypeMappingSource>().FindMapping(type)!;

        Assert.Equal(ThroughParameter(mapping, value), ThroughBinding(mapping, value));
    }

    [Fact]
    public async Task EveryColumnOfEverySyncedTable_HasABinding_SoImportsInsertThemAllNatively()
    {
        await using var database = await HeadlessPortal.TestSupport.TestDatabase.CreateAsync(HeadlessPortal.TestSupport.TestDb.Sqlite);
        await using var provider = InfrastructureHost.Build(database);
        await using var scope = provider.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;

        var synced = model.GetEntityTypes().Where(t => !t.IsOwned() && typeof(HeadlessPortal.Domain.Common.SyncedEntity).IsAssignableFrom(t.ClrType)).ToList();

        Assert.NotEmpty(synced);
        Assert.All(synced.SelectMany(t => t.GetProperties()), p => Assert.True(
            SqliteBinding.For(p.GetRelationalTypeMapping()) is not null, $"{p.DeclaringType.DisplayName()}.{p.Name} has no native binding"));
    }

    [Fact]
    public void For_ATypeWithoutAKnownStoredForm_HasNoBinding_SoItsTableGoesThroughParameters()
    {
        var mapping = _context.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(TimeSpan))!;

        Assert.Null(SqliteBinding.For(mapping));
    }

    private const string Query = "SELECT typeof(?1) || ':' || quote(?1)";

    private string ThroughParameter(RelationalTypeMapping mapping, object? value)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = Query;
        command.Parameters.Add(mapping.CreateParameter(command, "?1", value, nullable: true));
        return (string)command.ExecuteScalar()!;
    }

    private string ThroughBinding(RelationalTypeMapping mapping, object? value)
    {
        var handle = _connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(handle, Query, out var statement), handle);
        using (statement)
        {
            Assert.Equal(raw.SQLITE_OK, SqliteBinding.For(mapping)!(statement, 1, value));
            Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(statement));
            return raw.sqlite3_column_text(statement, 0).utf8_to_string();
        }
    }

    public void Dispose()
    {
        _context.Dispose();
        _connection.Dispose();
    }
}

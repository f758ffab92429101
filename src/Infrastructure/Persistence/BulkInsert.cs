using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>
/// Inserts many new rows with statements built from the EF model, inside the current transaction: on SQLite one
/// natively prepared single-row INSERT re-executed with values bound by position, on PostgreSQL a binary COPY per table. EF sends one INSERT per row (and SQLite parses each anew); a bulk import of millions of new
/// records spends most of its time there. Values go through each property's type mapping, so converters
/// (typed ids, enums as strings, JSON columns, timestamps as numbers) apply exactly as in SaveChanges.
/// </summary>
internal static class BulkInsert
{
    // SQLite allows 32,766 bound variables per statement, PostgreSQL 65,535; stay well under both.
    private const int MaxParameters = 30_000;
    private const int MaxRowsPerStatement = 500;

    public static async Task InsertAsync(DbContext db, IReadOnlyList<object> entities, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside a transaction.");
        var sql = db.GetService<ISqlGenerationHelper>();

        // SQLite prepares a statement once and reuses it while the command text stays the same, and binds
        // parameters by name (slow for thousands per statement): one row per statement, re-executed, is fastest.
        // PostgreSQL pays a round trip per statement: many rows per statement.
        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        foreach (var group in InDependencyOrder(db.Model, entities))
        {
            var type = group.Key;
            var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var columns = type.GetProperties()
                .Select(p => new Column(p, p.GetColumnName(store), p.GetGetter(), p.GetRelationalTypeMapping()))
                .Where(c => c.Name is not null)
                .ToList();
            if (connection is NpgsqlConnection postgres)
            {
                await CopyAsync(postgres, sql, store, columns, group, ct);
                continue;
            }

            var binders = connection is SqliteConnection ? columns.Select(c => SqliteBinding.For(c.Mapping)).ToArray() : [];
            if (connection is SqliteConnection sqliteConnection && binders.All(b => b is not null))
            {
                InsertOneByOne(sqliteConnection, InsertText(sql, store, columns.Select(c => c.Name!).ToList(), rows: 1), columns, binders!, group, ct);
                continue;
            }

            var rowsPerStatement = sqlite ? 1 : Math.Clamp(MaxParameters / columns.Count, 1, MaxRowsPerStatement);
            DbCommand? command = null;
            try
            {
                foreach (var chunk in group.Chunk(rowsPerStatement))
                {
                    if (command is null || command.Parameters.Count != chunk.Length * columns.Count)
                    {
                        if (command is not null)
                        {
                            await command.DisposeAsync();
                        }

                        command = connection.CreateCommand();
                        command.Transaction = transaction;
                        command.CommandText = InsertText(sql, store, columns.Select(c => c.Name!).ToList(), chunk.Length);
                    }

                    command.Parameters.Clear();
                    var index = 0;
                    foreach (var entity in chunk)
                    {
                        foreach (var column in columns)
                        {
                            var value = column.Getter.GetClrValueUsingContainingEntity(entity);
                            command.Parameters.Add(column.Mapping.CreateParameter(command, sql.GenerateParameterName("p" + index++), value, column.Property.IsNullable));
                        }
                    }

                    await command.ExecuteNonQueryAsync(ct);
                }
            }
            finally
            {
                if (command is not null)
                {
                    await command.DisposeAsync();
                }
            }
        }
    }

    /// <summary>
    /// SQLite: the table's single-row INSERT is prepared once on the connection's native handle and run once per row, each
    /// value bound by its position. Through ADO.NET every value of every row became a parameter object, bound by looking
    /// its name up in the statement, which was a third of the insert's time. The transaction is the connection's own, so
    /// the rows go in with it (and roll back to the caller's savepoint on failure).
    /// </summary>
    private static void InsertOneByOne(
        SqliteConnection connection, string text, IReadOnlyList<Column> columns, SqliteBinding.Binder[] binders, IEnumerable<object> rows, CancellationToken ct)
    {
        var handle = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(handle, text, out var statement), handle);
        using (statement)
        {
            var count = 0;
            foreach (var entity in rows)
            {
                if (++count % 1024 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                for (var i = 0; i < columns.Count; i++)
                {
                    var value = columns[i].Getter.GetClrValueUsingContainingEntity(entity);
                    var stored = value is not null && columns[i].Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
                    SqliteException.ThrowExceptionForRC(binders[i](statement, i + 1, stored), handle);
                }

                var rc = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, handle);
                }
            }
        }
    }

    /// <summary>
    /// PostgreSQL: the rows stream in with COPY in its binary format, one statement per table, which skips parsing and
    /// planning an INSERT per few hundred rows. Each value is converted as its type mapping converts a parameter's and
    /// written as the column's store type. A failed row fails the whole COPY (when it completes), like a failed INSERT.
    /// </summary>
    private static async Task CopyAsync(
        NpgsqlConnection connection,
        ISqlGenerationHelper sql,
        StoreObjectIdentifier store,
        IReadOnlyList<Column> columns,
        IEnumerable<object> rows,
        CancellationToken ct)
    {
        var copy = $"COPY {sql.DelimitIdentifier(store.Name, store.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name!)))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var entity in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.Getter.GetClrValueUsingContainingEntity(entity);
                var stored = value is not null && column.Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
                if (stored is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(stored, column.Mapping.StoreTypeNameBase, ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    private static string InsertText(ISqlGenerationHelper sql, StoreObjectIdentifier store, IReadOnlyList<string> columns, int rows)
    {
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(store.Name, store.Schema))
            .Append(" (").Append(string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c)))).Append(") VALUES ");
        var index = 0;
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                text.Append(c == 0 ? string.Empty : ", ").Append(sql.GenerateParameterNamePlaceholder("p" + index++));
            }

            text.Append(')');
        }

        return text.ToString();
    }

    /// <summary>Groups by entity type, principals before the types whose foreign keys point at them.</summary>
    private static IEnumerable<IGrouping<IEntityType, object>> InDependencyOrder(IModel model, IReadOnlyList<object> entities)
    {
        var groups = entities.GroupBy(e => model.FindEntityType(e.GetType())!).ToList();
        var remaining = groups.ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(g => !g.Key.GetForeignKeys().Any(fk =>
                fk.PrincipalEntityType != g.Key && remaining.Any(other => other.Key == fk.PrincipalEntityType))).ToList();
            if (ready.Count == 0)
            {
                ready = [remaining[0]];
            }

            foreach (var group in ready)
            {
                remaining.Remove(group);
                yield return group;
            }
        }
    }

    private sealed record Column(IProperty Property, string? Name, IClrPropertyGetter Getter, RelationalTypeMapping Mapping);

    /// <summary>Wraps a provider error as EF's, so callers handle a failed bulk insert like a failed SaveChanges.</summary>
    public static DbUpdateException Wrap(DbException exception) => new("A bulk insert failed.", exception);
}

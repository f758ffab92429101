using System.Data.Common;
using HeadlessPortal.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

/// <summary>
/// A database's schema as sorted lines (tables, columns with type and nullability, indexes, foreign
/// keys), read from the engine's catalog, so two databases can be compared and a difference reads plainly.
/// EF's own bookkeeping tables are left out.
/// </summary>
internal static class SchemaSnapshot
{
    public static async Task<IReadOnlyList<string>> ReadAsync(TestDatabase database) =>
        database.Engine == TestDb.Sqlite ? await ReadSqliteAsync(database.ConnectionString) : await ReadPostgresAsync(database.ConnectionString);

    private static async Task<IReadOnlyList<string>> ReadSqliteAsync(string connectionString)
    {
        var lines = new List<string>();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = (await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"))
            .Select(r => (string)r[0]!)
            .Where(t => !t.StartsWith("sqlite_", StringComparison.Ordinal) && !t.StartsWith("__EF", StringComparison.Ordinal));
        foreach (var table in tables)
        {
            lines.Add($"table {table}");
            foreach (var c in await QueryAsync(connection, $"PRAGMA table_info('{table}')"))
            {
                lines.Add($"column {table}.{c[1]} {c[2]} notnull={c[3]} default={c[4]} pk={c[5]}");
            }

            foreach (var index in await QueryAsync(connection, $"PRAGMA index_list('{table}')"))
            {
                var columns = (await QueryAsync(connection, $"PRAGMA index_info('{index[1]}')")).Select(r => r[2]);
                lines.Add($"index {table}.{index[1]} unique={index[2]} origin={index[3]} partial={index[4]} ({string.Join(",", columns)})");
            }

            foreach (var fk in await QueryAsync(connection, $"PRAGMA foreign_key_list('{table}')"))
            {
                lines.Add($"fk {table}.{fk[3]} -> {fk[2]}.{fk[4]} on_update={fk[5]} on_delete={fk[6]}");
            }
        }

        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<IReadOnlyList<string>> ReadPostgresAsync(string connectionString)
    {
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, is_nullable, column_default
            FROM information_schema.columns WHERE table_schema = 'public'
            """))
        {
            lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]},{c[4]}) nullable={c[5]} default={c[6]}");
        }

        foreach (var i in await QueryAsync(connection, "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
        {
            lines.Add($"index {i[0]} {i[1]}");
        }

        foreach (var k in await QueryAsync(connection, """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            """))
        {
            lines.Add($"constraint {k[0]}.{k[1]} {k[2]}");
        }

        return lines
            .Where(l => !l.Contains("__EF", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}

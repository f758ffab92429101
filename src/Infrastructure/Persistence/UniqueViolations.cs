using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using HeadlessPortal.Application.Common.Errors;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>Turns each provider's unique-violation error into one exception that names entity and properties.</summary>
internal static partial class UniqueViolations
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static bool TryTranslate(IModel model, DbUpdateException exception, [NotNullWhen(true)] out UniqueConstraintViolationException? violation)
    {
        violation = exception.InnerException switch
        {
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => FromConstraintName(model, pg.ConstraintName, exception),
            SqliteException { SqliteErrorCode: SqliteConstraint } sqlite
                when sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey => FromSqliteMessage(model, sqlite.Message, exception),
            _ => null,
        };
        return violation is not null;
    }

    private static UniqueConstraintViolationException? FromConstraintName(IModel model, string? constraintName, Exception inner)
    {
        foreach (var entityType in model.GetEntityTypes())
        {
            foreach (var index in entityType.GetIndexes().Where(i => i.IsUnique && i.GetDatabaseName() == constraintName))
            {
                return new UniqueConstraintViolationException(entityType.ClrType, index.Properties.Select(p => p.Name).ToList(), inner);
            }

            var key = entityType.FindPrimaryKey();
            if (key is not null && key.GetName() == constraintName)
            {
                return new UniqueConstraintViolationException(entityType.ClrType, key.Properties.Select(p => p.Name).ToList(), inner);
            }
        }

        return null;
    }

    // SQLite reports columns, not the index: "UNIQUE constraint failed: Tenants.HostName, Tenants.Other".
    private static UniqueConstraintViolationException? FromSqliteMessage(IModel model, string message, Exception inner)
    {
        var match = SqliteColumns().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var columns = match.Groups["columns"].Value.Split(',', StringSplitOptions.TrimEntries)
            .Select(c => c.Split('.', 2))
            .Where(parts => parts.Length == 2)
            .ToList();
        var table = columns.FirstOrDefault()?[0];
        var entityType = model.GetEntityTypes().FirstOrDefault(e => e.GetTableName() == table);
        if (entityType is null)
        {
            return null;
        }

        var storeObject = StoreObjectIdentifier.Table(table!, entityType.GetSchema());
        var properties = columns
            .Select(c => entityType.GetProperties().FirstOrDefault(p => p.GetColumnName(storeObject) == c[1])?.Name ?? c[1])
            .ToList();
        return new UniqueConstraintViolationException(entityType.ClrType, properties, inner);
    }

    [GeneratedRegex(@"constraint failed: (?<columns>[^']+)", RegexOptions.CultureInvariant)]
    private static partial Regex SqliteColumns();
}

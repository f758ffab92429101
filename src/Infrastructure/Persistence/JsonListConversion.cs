using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>Stores a short list of values in one text column as a JSON array, the same on SQLite and PostgreSQL.</summary>
internal static class JsonListConversion
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Maps the list behind <paramref name="fieldName"/> (a private List field) to a text column.</summary>
    public static PropertyBuilder<List<T>> HasJsonList<TEntity, T>(this EntityTypeBuilder<TEntity> builder, string fieldName, string columnName, int maxLength)
        where TEntity : class =>
        builder.Property<List<T>>(fieldName)
            .HasColumnName(columnName)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<T>>(v, Json) ?? new List<T>(),
                new ValueComparer<List<T>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
                    v => v.ToList()))
            .HasMaxLength(maxLength)
            .IsRequired();

    /// <summary>Stores a small value object (an address, a warranty) as JSON in one text column.</summary>
    public static PropertyBuilder<T> HasJsonValue<T>(this PropertyBuilder<T> builder, string columnName, int maxLength)
        where T : class? =>
        builder.HasColumnName(columnName)
            .HasConversion(
                v => v == null ? null : JsonSerializer.Serialize(v, Json),
                v => v == null ? default! : JsonSerializer.Deserialize<T>(v, Json)!)
            .HasMaxLength(maxLength);
}

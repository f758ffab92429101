using System.Buffers;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HeadlessPortal.Infrastructure.Persistence;

#pragma warning disable EF1001 // SqliteTypeMappingSource is EF Core's own SQLite type mapping source, extended here.

/// <summary>
/// SQLite's type mappings, with a cheaper writer for the list parameters of queries (a list of ids or texts passed to
/// <c>Contains</c>, one JSON parameter read with <c>json_each</c>; decision 17). EF's own converter builds a
/// <c>MemoryStream</c> and a <c>Utf8JsonWriter</c> for every list and finds a method by reflection on each call: 3% of
/// My tasks' CPU and 7% of its allocations (docs/PERFORMANCE.md, "Round five"). This one writes the same JSON, byte for
/// byte (<c>SqliteListParametersTests</c>): ids straight into the string, texts through a writer and buffer kept per
/// thread. Reading is EF's own.
/// </summary>
internal sealed class SqliteListParameterMappings(TypeMappingSourceDependencies dependencies, RelationalTypeMappingSourceDependencies relationalDependencies)
    : SqliteTypeMappingSource(dependencies, relationalDependencies)
{
    protected override RelationalTypeMapping? FindCollectionMapping(RelationalTypeMappingInfo info, Type modelType, Type? providerType, CoreTypeMapping? elementMapping)
    {
        var mapping = base.FindCollectionMapping(info, modelType, providerType, elementMapping);
        // Only lists of plain ids and texts: elements with a converter of their own (a column that stores them otherwise)
        // keep EF's converter, which writes each element as its column does.
        if (mapping is not { Converter: { } converter, ElementTypeMapping: { Converter: null } element } || ListJson.Writer(converter) is not { } writer
            || FindMapping(typeof(string)) is not { Converter: null } text)
        {
            return mapping;
        }

        return (RelationalTypeMapping)text.WithComposedConverter(writer, mapping.Comparer, mapping.KeyComparer, element, mapping.JsonValueReaderWriter);
    }
}

#pragma warning restore EF1001

/// <summary>The JSON arrays of list parameters: ids as SQLite stores them (uppercase), texts escaped as System.Text.Json escapes them.</summary>
internal static class ListJson
{
    // A buffer grown by a long list (an import batch's keys) is not kept beyond this.
    private const int KeptBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _scratch;

    /// <summary>A converter writing the same JSON as EF's converter of a list of ids or of texts, reading as it does; null for other lists.</summary>
    public static ValueConverter? Writer(ValueConverter efConverter) =>
        efConverter.ModelClrType == typeof(IEnumerable<Guid>) && efConverter.ProviderClrType == typeof(string)
            ? new ValueConverter<IEnumerable<Guid>, string>(v => Ids(v), (Expression<Func<string, IEnumerable<Guid>>>)efConverter.ConvertFromProviderExpression)
            : efConverter.ModelClrType == typeof(IEnumerable<string>) && efConverter.ProviderClrType == typeof(string)
                ? new ValueConverter<IEnumerable<string>, string>(v => Texts(v), (Expression<Func<string, IEnumerable<string>>>)efConverter.ConvertFromProviderExpression)
                : null;

    /// <summary><c>["0191E0A3-...", ...]</c>: each id in its 36-character form, uppercase, as SQLite stores a Guid.</summary>
    public static string Ids(IEnumerable<Guid> ids)
    {
        var list = ids as IReadOnlyCollection<Guid> ?? ids.ToList();
        if (list.Count == 0)
        {
            return "[]";
        }

        return string.Create(1 + (list.Count * 39), list, static (span, values) =>
        {
            span[0] = '[';
            var at = 1;
            foreach (var id in values)
            {
                span[at] = '"';
                id.TryFormat(span.Slice(at + 1, 36), out _, "D");
                for (var i = at + 1; i < at + 37; i++)
                {
                    span[i] = char.ToUpperInvariant(span[i]);
                }

                span[at + 37] = '"';
                span[at + 38] = ',';
                at += 39;
            }

            span[^1] = ']';
        });
    }

    /// <summary>A JSON array of texts (null as null), escaped by System.Text.Json's default encoder.</summary>
    public static string Texts(IEnumerable<string> texts)
    {
        var (buffer, writer) = _scratch ??= (new ArrayBufferWriter<byte>(256), new Utf8JsonWriter(Stream.Null));
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartArray();
        foreach (var text in texts)
        {
            if (text is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(text);
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > KeptBufferBytes)
        {
            _scratch = null;
        }

        return json;
    }
}

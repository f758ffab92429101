using System.Text.Json;
using System.Text.Json.Serialization;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Imports;

namespace HeadlessPortal.Application.Imports.ApplyImportBatch;

/// <summary>A line of an import that parsed into a document of a known resource, or the reason it did not.</summary>
internal sealed record ParsedLine(long Number, ISyncResource? Resource, SyncItem? Item, ImportLineError? Error);

/// <summary>
/// Reads one NDJSON line: <c>{ "type": "customer", "externalId": "...", "data": { ...the PUT document... } }</c>.
/// The document binds exactly as the PUT endpoint binds it (camelCase, enums as camelCase strings), and is validated
/// as the PUT endpoint validates it.
/// </summary>
internal static class ImportLineParser
{
    public const string MalformedLine = "malformed_line";
    public const string UnknownType = "unknown_type";
    public const string ValidationFailed = "validation_failed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static ParsedLine Parse(ImportLine line, SyncResourceRegistry registry)
    {
        if (line.TooLong)
        {
            return Fail(line, MalformedLine, $"The line is longer than the {ImportLine.MaxBytes} bytes a line may have.");
        }

        try
        {
            using var document = JsonDocument.Parse(line.Json);
            return Parse(line, document.RootElement, registry);
        }
        catch (JsonException)
        {
            return Fail(line, MalformedLine, "The line is not valid JSON.");
        }
    }

    /// <summary>Whether the line holds nothing but whitespace: skipped, neither applied nor failed.</summary>
    public static bool IsBlank(ImportLine line) => !line.TooLong && line.Json.Span.Trim(" \t\r"u8).IsEmpty;

    private static ParsedLine Parse(ImportLine line, JsonElement root, SyncResourceRegistry registry)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail(line, MalformedLine, "Each line must be one JSON object with type, externalId and data.");
        }

        if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return Fail(line, ValidationFailed, "type is required, such as \"customer\".");
        }

        var type = typeElement.GetString()!;
        var resource = registry.ByImportType(type);
        if (resource is null)
        {
            var known = string.Join(", ", registry.All.Select(r => r.ImportType).Order(StringComparer.Ordinal));
            return Fail(line, UnknownType, $"Unknown type \"{type}\"; the types are: {known}.");
        }

        var externalId = root.TryGetProperty("externalId", out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()!.Trim()
            : string.Empty;
        if (externalId.Length is 0 or > Limits.ExternalIdMaxLength)
        {
            return Fail(line, ValidationFailed, $"externalId has 1 to {Limits.ExternalIdMaxLength} characters.");
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return Fail(line, ValidationFailed, $"data is required: the {type} document, as PUT /v1/admin/{resource.Name}/{{externalId}} takes it.");
        }

        object? bound;
        try
        {
            bound = data.Deserialize(resource.DocumentType, Json);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } p ? "data" + p[1..] : "data";
            return Fail(line, ValidationFailed, $"{path}: the value has the wrong type or format.");
        }

        if (bound is null)
        {
            return Fail(line, ValidationFailed, "data is required.");
        }

        // Checked here, where no database is needed, so the worker checks the next batch while the current one is applied.
        return resource.Validate(bound) is { } invalid
            ? Fail(line, invalid.Code, invalid.Message)
            : new ParsedLine(line.Number, resource, new SyncItem(externalId, bound) { Validated = true }, null);
    }

    private static ParsedLine Fail(ImportLine line, string code, string message) =>
        new(line.Number, null, null, new ImportLineError(line.Number, code, message));
}

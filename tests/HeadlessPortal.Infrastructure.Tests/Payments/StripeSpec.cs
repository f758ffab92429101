using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeadlessPortal.Infrastructure.Tests.Payments;

/// <summary>
/// Stripe's published OpenAPI description, read from the shared reference folder beside the repository
/// (<c>shared/specs/stripe-prism.json</c>: the same description as <c>stripe-spec3.yaml</c>, API version 2023-08-16, in
/// JSON and with expandable fields given as ids only). It checks an answer of the fake against a schema: required
/// fields present, null only where nullable, no field a schema that lists its fields does not know, strings in their
/// enums, and the JSON types of scalars, following <c>$ref</c> into nested objects.
/// </summary>
internal sealed class StripeSpec
{
    /// <summary>Fields of Stripe.net's API version (2026-10-28.endive) that the 2023 description predates.</summary>
    private static readonly HashSet<string> NewerFields = ["allowed_payment_method_types"];

    private static readonly Lazy<StripeSpec?> Shared = new(() => File is null ? null : new StripeSpec(JsonDocument.Parse(System.IO.File.ReadAllBytes(File))));

    private readonly JsonElement _schemas;

    private StripeSpec(JsonDocument document) => _schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

    /// <summary>The description's path, or null where the shared folder is not beside the repository.</summary>
    public static string? File { get; } = Find();

    public static StripeSpec Instance => Shared.Value ?? throw new InvalidOperationException("Stripe's OpenAPI description was not found.");

    /// <summary>What in <paramref name="answer"/> does not fit the schema <paramref name="schema"/>; empty when all does.</summary>
    public IReadOnlyList<string> Problems(JsonNode? answer, string schema)
    {
        var problems = new List<string>();
        Check(answer, _schemas.GetProperty(schema), schema, problems);
        return problems;
    }

    private static string? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "specs", "stripe-prism.json");
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private void Check(JsonNode? value, JsonElement schema, string path, List<string> problems)
    {
        if (value is null)
        {
            if (!(schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean()))
            {
                problems.Add($"{path} is null, and may not be");
            }

            return;
        }

        schema = Resolve(schema, value);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path} fits none of the kinds the description allows");
            return;
        }

        var kind = value.GetValueKind();
        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : schema.TryGetProperty("properties", out _) ? "object" : null;
        switch (type)
        {
            case "string":
                Expect(kind == JsonValueKind.String, path, "a string", kind, problems);
                if (kind == JsonValueKind.String && schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == value.GetValue<string>()))
                {
                    problems.Add($"{path} is '{value.GetValue<string>()}', not one of {values}");
                }

                break;
            case "integer":
                Expect(kind == JsonValueKind.Number, path, "an integer", kind, problems);
                break;
            case "boolean":
                Expect(kind is JsonValueKind.True or JsonValueKind.False, path, "a boolean", kind, problems);
                break;
            case "array":
                Expect(kind == JsonValueKind.Array, path, "an array", kind, problems);
                if (value is JsonArray array && schema.TryGetProperty("items", out var items))
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Check(array[i], items, $"{path}[{i}]", problems);
                    }
                }

                break;
            case "object":
                Expect(kind == JsonValueKind.Object, path, "an object", kind, problems);
                if (value is JsonObject obj)
                {
                    CheckObject(obj, schema, path, problems);
                }

                break;
        }
    }

    private void CheckObject(JsonObject obj, JsonElement schema, string path, List<string> problems)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !obj.ContainsKey(name)))
            {
                problems.Add($"{path}.{name} is required, and missing");
            }
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var additional = schema.TryGetProperty("additionalProperties", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        if (properties.ValueKind != JsonValueKind.Object && additional.ValueKind != JsonValueKind.Object)
        {
            // A free-form object (an event's data.object): whatever it holds is checked against its own schema, if at all.
            return;
        }

        foreach (var (name, member) in obj)
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var property))
            {
                Check(member, property, $"{path}.{name}", problems);
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(member, additional, $"{path}.{name}", problems);
            }
            else if (!NewerFields.Contains(name))
            {
                problems.Add($"{path}.{name} is not in the description");
            }
        }
    }

    /// <summary>Follows <c>$ref</c>, and picks the <c>anyOf</c> branch of the value's kind (an id, or the object itself).</summary>
    private JsonElement Resolve(JsonElement schema, JsonNode value)
    {
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = _schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
            }
            else if (schema.TryGetProperty("anyOf", out var options))
            {
                var isObject = value.GetValueKind() == JsonValueKind.Object;
                schema = options.EnumerateArray().FirstOrDefault(o => DescribesObject(o) == isObject);
                if (schema.ValueKind != JsonValueKind.Object)
                {
                    return default;
                }
            }
            else
            {
                return schema;
            }
        }
    }

    private static bool DescribesObject(JsonElement option) =>
        option.TryGetProperty("$ref", out _) || (option.TryGetProperty("type", out var type) && type.GetString() == "object");

    private static void Expect(bool holds, string path, string expected, JsonValueKind actual, List<string> problems)
    {
        if (!holds)
        {
            problems.Add($"{path} should be {expected}, and is {actual}");
        }
    }
}

/// <summary>A fact that needs Stripe's OpenAPI description: skipped, saying so, where the shared folder is not beside the repository.</summary>
public sealed class StripeSpecFactAttribute : FactAttribute
{
    public StripeSpecFactAttribute()
    {
        if (StripeSpec.File is null)
        {
            Skip = "Stripe's OpenAPI description (shared/specs/stripe-prism.json beside the repository) was not found.";
        }
    }
}

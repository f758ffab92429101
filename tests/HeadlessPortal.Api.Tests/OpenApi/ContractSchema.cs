using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeadlessPortal.Api.Tests.OpenApi;

/// <summary>
/// Checks a JSON value against a schema of an OpenAPI 3.0 document the way a strict generated client reads it:
/// required properties present, null only where nullable, types, enums, no property the schema does not declare.
/// </summary>
internal sealed class ContractSchema(JsonNode document)
{
    public JsonNode Document { get; } = document;

    /// <summary>The operation declared for a concrete request, such as GET /v1/portal/invoices/0193... .</summary>
    public JsonNode Operation(string method, string requestPath)
    {
        var path = requestPath.Split('?')[0];
        foreach (var (template, item) in Document["paths"]!.AsObject())
        {
            var templateParts = template.Split('/');
            var parts = path.Split('/');
            if (templateParts.Length == parts.Length
                && templateParts.Zip(parts).All(p => p.First == p.Second || (p.First.StartsWith('{') && p.First.EndsWith('}')))
                && item![method.ToLowerInvariant()] is { } operation)
            {
                return operation;
            }
        }

        throw new InvalidOperationException($"The contract has no operation for {method} {path}.");
    }

    /// <summary>The schema of a response's JSON body.</summary>
    public JsonNode ResponseSchema(string method, string requestPath, int status)
    {
        var response = Operation(method, requestPath)["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            ?? throw new InvalidOperationException($"{method} {requestPath} declares no {status} response.");
        return Resolve(response)["content"]?["application/json"]?["schema"]
            ?? throw new InvalidOperationException($"{method} {requestPath} {status} declares no application/json body.");
    }

    /// <summary>A component schema by name.</summary>
    public JsonNode Component(string name) =>
        Document["components"]!["schemas"]![name] ?? throw new InvalidOperationException($"No schema {name}.");

    /// <summary>A schema that constrains nothing (free-form JSON): every value matches it, null included.</summary>
    private static bool AcceptsAnything(JsonNode schema) =>
        schema is JsonObject shape && !new[] { "type", "$ref", "allOf", "anyOf", "oneOf", "enum", "properties", "items" }.Any(shape.ContainsKey);

    public JsonNode Resolve(JsonNode node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference)
        {
            node = Document.AsObject()["components"]![reference.Split('/')[2]]![reference.Split('/')[3]]!;
        }

        return node;
    }

    /// <summary>Every way <paramref name="value"/> breaks <paramref name="schema"/>, each with the JSON path where it does.</summary>
    public List<string> Violations(JsonNode schema, JsonNode? value, string at = "$")
    {
        var errors = new List<string>();
        Check(schema, value, at, errors);
        return errors;
    }

    private void Check(JsonNode schema, JsonNode? value, string at, List<string> errors)
    {
        if (schema["$ref"] is not null)
        {
            // In OpenAPI 3.0 a $ref replaces its siblings: nullability must come from a wrapper (allOf/oneOf + nullable).
            Check(Resolve(schema), value, at, errors);
            return;
        }

        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true && !AcceptsAnything(schema)
                && !new[] { "anyOf", "oneOf" }.Any(k => schema[k]?.AsArray().Any(c => Violations(c!, null, at).Count == 0) == true))
            {
                errors.Add($"{at}: null, but the contract does not declare it nullable");
            }

            return;
        }

        foreach (var part in schema["allOf"]?.AsArray() ?? [])
        {
            Check(part!, value, at, errors);
        }

        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema[keyword]?.AsArray() is { } choices)
            {
                var matches = choices.Count(c => Violations(c!, value, at).Count == 0);
                if (keyword == "oneOf" ? matches != 1 : matches == 0)
                {
                    errors.Add($"{at}: matches {matches} of the {keyword} schemas");
                }
            }
        }

        if (schema["enum"]?.AsArray() is { } allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add($"{at}: {value.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        var kind = value.GetValueKind();
        switch (schema["type"]?.GetValue<string>())
        {
            case "object" when kind != JsonValueKind.Object:
            case "array" when kind != JsonValueKind.Array:
            case "string" when kind != JsonValueKind.String:
            case "boolean" when kind is not (JsonValueKind.True or JsonValueKind.False):
            case "number" when kind != JsonValueKind.Number:
            case "integer" when kind != JsonValueKind.Number || !long.TryParse(value.ToJsonString(), out _):
                errors.Add($"{at}: {kind} where the contract says {schema["type"]}");
                return;
        }

        if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(items, array[i], $"{at}[{i}]", errors);
            }
        }

        if (value is JsonObject obj)
        {
            CheckObject(schema, obj, at, errors);
        }
    }

    private void CheckObject(JsonNode schema, JsonObject value, string at, List<string> errors)
    {
        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            if (!value.ContainsKey(required!.GetValue<string>()))
            {
                errors.Add($"{at}: the required property {required} is missing");
            }
        }

        var properties = schema["properties"]?.AsObject();
        foreach (var (name, propertyValue) in value)
        {
            if (properties?[name] is { } property)
            {
                Check(property, propertyValue, $"{at}.{name}", errors);
            }
            else if (schema["additionalProperties"] is { } additional)
            {
                if (additional.GetValueKind() == JsonValueKind.False)
                {
                    errors.Add($"{at}: the property {name} is not in the contract");
                }
                else if (additional.GetValueKind() == JsonValueKind.Object)
                {
                    Check(additional, propertyValue, $"{at}.{name}", errors);
                }
            }
        }
    }
}

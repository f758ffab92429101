using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>
/// Says of every property what the JSON serializer does with it, read from the serializer's own contract of the type
/// (the API's JSON options and the C# nullability annotations), so new properties come out right without per-property work:
/// <list type="bullet">
/// <item>values limited by <see cref="AllowedValuesAttribute"/> as an enum;</item>
/// <item>nullable exactly when the C# type is nullable, also for objects: a nullable reference becomes
/// <c>anyOf: [$ref, null-only schema]</c>, since OpenAPI 3.0 ignores a <c>$ref</c>'s siblings and honours <c>nullable</c>
/// only beside a <c>type</c>; free-form JSON (<c>JsonElement</c>) has no type, which admits every value;</item>
/// <item>in requests, required when the C# type is non-nullable or the property carries <see cref="RequiredAttribute"/>
/// (a nullable C# property the validator refuses empty, so it can name the field; such a property is not nullable in the contract);</item>
/// <item>in responses, required whenever the serializer always writes it (nulls are written): see <see cref="ResponseRequiredDocumentFilter"/>,
/// which knows which schemas are requests.</item>
/// </list>
/// </summary>
internal sealed class NullabilityRequiredSchemaFilter(IOptions<JsonOptions> json) : ISchemaFilter
{
    private static readonly ConditionalWeakTable<OpenApiSchema, SortedSet<string>> AlwaysWritten = new();

    /// <summary>The properties the serializer writes in every answer of the schema's type; null for schemas this filter did not see.</summary>
    public static IReadOnlySet<string>? AlwaysWrittenProperties(OpenApiSchema schema) =>
        AlwaysWritten.TryGetValue(schema, out var written) ? written : null;

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || context.MemberInfo is not null || context.ParameterInfo is not null)
        {
            return;
        }

        var options = json.Value.SerializerOptions;
        if (!options.TryGetTypeInfo(context.Type, out var info) || info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var required = new SortedSet<string>(concrete.Required ?? new HashSet<string>(), StringComparer.Ordinal);
        var written = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            if (!concrete.Properties.TryGetValue(property.Name, out var propertySchema))
            {
                continue;
            }

            var requiredInRequests = property.IsRequired || property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;
            if (requiredInRequests)
            {
                required.Add(property.Name);
            }

            if (property.Get is not null && property.ShouldSerialize is null && options.DefaultIgnoreCondition == JsonIgnoreCondition.Never
                && property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true).OfType<JsonIgnoreAttribute>()
                    .Any(a => a.Condition != JsonIgnoreCondition.Never) != true)
            {
                written.Add(property.Name);
            }

            if (propertySchema is OpenApiSchema valued
                && property.AttributeProvider?.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: true).OfType<AllowedValuesAttribute>().FirstOrDefault() is { } allowed)
            {
                valued.Enum = [.. allowed.Values.Select(v => (JsonNode)JsonValue.Create(Convert.ToString(v, CultureInfo.InvariantCulture))!)];
            }

            concrete.Properties[property.Name] = WithNullability(propertySchema, property.IsGetNullable && !requiredInRequests);
        }

        concrete.Required = required;
        AlwaysWritten.AddOrUpdate(concrete, written);
    }

    private static IOpenApiSchema WithNullability(IOpenApiSchema schema, bool nullable)
    {
        switch (schema)
        {
            case OpenApiSchemaReference reference when nullable:
                // OpenAPI 3.0 lets a $ref have no siblings and "nullable" only beside a "type", so a nullable object is the
                // object or a null-only schema. The wrapper carries the property's own description, which a bare $ref cannot.
                return new OpenApiSchema
                {
                    AnyOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null, Enum = [null!] }],
                    Description = reference.Reference.Description,
                };
            case OpenApiSchema { Type: { } type } concrete:
                concrete.Type = nullable ? type | JsonSchemaType.Null : type & ~JsonSchemaType.Null;
                return concrete;
            case OpenApiSchema concrete:
                // Any JSON value (JsonElement): a schema without a type, which accepts every value, null included.
                concrete.Type = null;
                return concrete;
            default:
                return schema;
        }
    }
}

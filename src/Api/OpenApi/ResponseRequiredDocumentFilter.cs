using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>
/// Answers carry every property the serializer always writes, null or not, so a schema seen only in responses requires
/// all of them; a schema a request body reaches keeps the request's view (what a client must send), from
/// <see cref="NullabilityRequiredSchemaFilter"/>.
/// </summary>
internal sealed class ResponseRequiredDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        if (swaggerDoc.Components?.Schemas is not { } schemas)
        {
            return;
        }

        var inRequests = new HashSet<string>(StringComparer.Ordinal);
        var bodies = swaggerDoc.Paths.Values
            .SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(operation => operation.RequestBody?.Content?.Values ?? Enumerable.Empty<IOpenApiMediaType>());
        foreach (var body in bodies)
        {
            Reach(body.Schema, schemas, inRequests);
        }

        foreach (var (id, schema) in schemas)
        {
            if (!inRequests.Contains(id) && schema is OpenApiSchema concrete
                && NullabilityRequiredSchemaFilter.AlwaysWrittenProperties(concrete) is { } written)
            {
                concrete.Required = new SortedSet<string>(written, StringComparer.Ordinal);
            }
        }
    }

    private static void Reach(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, HashSet<string> reached)
    {
        switch (schema)
        {
            case null:
                return;
            case OpenApiSchemaReference reference:
                if (reference.Reference.Id is { } id && reached.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    Reach(target, schemas, reached);
                }

                return;
            case OpenApiSchema concrete:
                var parts = (concrete.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>())
                    .Concat(concrete.AllOf ?? []).Concat(concrete.OneOf ?? []).Concat(concrete.AnyOf ?? [])
                    .Append(concrete.Items).Append(concrete.AdditionalProperties);
                foreach (var part in parts)
                {
                    Reach(part, schemas, reached);
                }

                return;
        }
    }
}

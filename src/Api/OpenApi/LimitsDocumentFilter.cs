using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>
/// The limits of what is not a property of a named document: path, query and header parameters, response headers,
/// and inline request and response schemas (<see cref="ContractLimits"/>). A parameter no rule knows is bounded by
/// what the server reads at all: the request line for path and query, the header block for headers.
/// </summary>
internal sealed class LimitsDocumentFilter(ContractLimits limits, IOptions<KestrelServerOptions> kestrel) : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        IOpenApiSchema? Resolve(string id) => document.Components?.Schemas is { } schemas && schemas.TryGetValue(id, out var found) ? found : null;
        var server = kestrel.Value.Limits;
        foreach (var operation in document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []))
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                if (parameter is OpenApiParameter { Schema: OpenApiSchema schema, Name: { } name } concrete)
                {
                    limits.Constrain(schema, name, resolve: Resolve);
                    Otherwise(schema, concrete.In == ParameterLocation.Header ? server.MaxRequestHeadersTotalSize : server.MaxRequestLineSize);
                }
            }

            foreach (var media in (operation.RequestBody?.Content?.Values ?? []).Concat(operation.Responses?.Values.SelectMany(r => r.Content?.Values ?? []) ?? []))
            {
                if (media.Schema is OpenApiSchema inline)
                {
                    limits.Constrain(inline, string.Empty, resolve: Resolve);
                }
            }

            foreach (var header in operation.Responses?.Values.SelectMany(r => r.Headers ?? new Dictionary<string, IOpenApiHeader>()) ?? [])
            {
                if (header.Value is OpenApiHeader { Schema: OpenApiSchema schema })
                {
                    limits.Constrain(schema, header.Key, resolve: Resolve);

                    // Header values this API writes are short directive lists; none comes near what a header block may hold.
                    Otherwise(schema, server.MaxRequestHeadersTotalSize);
                }
            }
        }
    }

    private static void Otherwise(OpenApiSchema schema, int maxLength)
    {
        if ((schema.Type ?? 0).HasFlag(JsonSchemaType.String) && schema.MaxLength is null && schema.Enum is not { Count: > 0 })
        {
            schema.MaxLength = maxLength;
        }
    }
}

using HeadlessPortal.Application.Documents;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>
/// Files and raw bodies as they travel: a download declares each media type it answers (application/pdf, image/*)
/// as <c>format: binary</c> of at most the stored file size; an upload or a text body (NDJSON imports) is at most
/// the request body size the endpoint admits (its own limit, else the server's).
/// </summary>
internal sealed class BinaryContentOperationFilter(IOptions<DocumentOptions> documents, IOptions<KestrelServerOptions> kestrel) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        foreach (var declared in metadata.OfType<IProducesResponseTypeMetadata>().Where(r => r.Type is null || r.Type == typeof(void)))
        {
            var media = declared.ContentTypes.Where(m => !IsJson(m)).ToList();
            if (media.Count > 0 && operation.Responses?.TryGetValue(declared.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var found) == true
                && found is OpenApiResponse response)
            {
                // Downloads answer files that were uploaded as documents, so never more than a document may hold.
                response.Content = media.ToDictionary(m => m, IOpenApiMediaType (_) => new OpenApiMediaType { Schema = Binary(documents.Value.MaxBytes) });
            }
        }

        if (operation.RequestBody is not OpenApiRequestBody { Content: { } content })
        {
            return;
        }

        var limit = metadata.OfType<IRequestSizeLimitMetadata>().LastOrDefault()?.MaxRequestBodySize
            ?? kestrel.Value.Limits.MaxRequestBodySize;
        foreach (var (mediaType, found) in content.Where(c => !IsJson(c.Key) && c.Key != "application/x-www-form-urlencoded"))
        {
            if (found is not OpenApiMediaType body)
            {
                continue;
            }

            if (mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType.EndsWith("ndjson", StringComparison.Ordinal))
            {
                body.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Clamp(limit) };
            }
            else
            {
                // Files are documents: the endpoint admits one byte more than a document may hold to tell "too large" apart.
                body.Schema = Binary(Math.Min(limit ?? long.MaxValue, documents.Value.MaxBytes));
            }
        }
    }

    private static OpenApiSchema Binary(long? maxBytes) => new() { Type = JsonSchemaType.String, Format = "binary", MaxLength = Clamp(maxBytes) };

    private static int? Clamp(long? value) => value is null ? null : (int)Math.Min(value.Value, int.MaxValue);

    private static bool IsJson(string mediaType) => mediaType.EndsWith("json", StringComparison.Ordinal) && !mediaType.EndsWith("ndjson", StringComparison.Ordinal);
}

using HeadlessPortal.Api.Portal;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>Documents what <see cref="PortalResponseCacheFilter"/> adds to signed-in portal GETs answering JSON: ETag, 304, no-cache.</summary>
internal sealed class CachedAnswerFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var cached = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<CachedPortalAnswers>().Any();
        if (!cached || context.ApiDescription.HttpMethod != "GET" || operation.Responses?.TryGetValue("200", out var ok) != true
            || ok is not OpenApiResponse response || response.Content?.ContainsKey("application/json") != true)
        {
            return;
        }

        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers["ETag"] = new OpenApiHeader
        {
            Description = "A strong tag of this answer; send it back in If-None-Match to get 304 while nothing changed.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        response.Headers["Cache-Control"] = new OpenApiHeader
        {
            Description = "private, no-cache: a browser may keep the answer but revalidates it (If-None-Match) before use.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        operation.Responses!["304"] = new OpenApiResponse { Description = "Not Modified: the If-None-Match tag is the current answer's ETag; no body." };
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-None-Match",
            In = ParameterLocation.Header,
            Description = "The ETag of an answer kept from before: 304 while it is still the answer.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "Cache-Control",
            In = ParameterLocation.Header,
            Description = "no-cache reads the answer from the company's data now instead of from the server's memory (answers are otherwise kept while nothing of the company's changes, at most 15 seconds by default).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }
}

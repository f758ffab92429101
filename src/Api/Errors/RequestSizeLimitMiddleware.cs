using Microsoft.AspNetCore.Http.Metadata;

namespace HeadlessPortal.Api.Errors;

/// <summary>
/// Rejects a declared oversized body before any of it is read, with the same problem response
/// Kestrel's own limit produces (which still catches chunked bodies as they stream in).
/// </summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next, long maxBytes)
{
    public Task InvokeAsync(HttpContext context)
    {
        // An endpoint that accepts uploads declares its own limit; everything else gets the default.
        var endpointLimit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = endpointLimit is null ? maxBytes : endpointLimit.MaxRequestBodySize;
        if (limit is not null && context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        return next(context);
    }
}

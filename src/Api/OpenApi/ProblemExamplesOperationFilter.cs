using System.Text.Json.Nodes;
using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Endpoints;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Api.RateLimiting;
using HeadlessPortal.Application.Common.Paging;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>
/// Gives every problem response an example of its own status, with the code the API answers it with
/// (<see cref="ProblemCodes"/>): a 400 names a field of the operation's own request, a 403 of a scoped admin operation
/// is insufficient_scope naming the scope. Declares 429 with Retry-After on the operations the rate limiter covers
/// (<see cref="RateLimits"/>), and Retry-After on every 429.
/// </summary>
internal sealed class ProblemExamplesOperationFilter : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";
    private const string TraceId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        if (RateLimits.IsLimited(context.ApiDescription.RelativePath) && !operation.Responses.ContainsKey("429"))
        {
            operation.Responses["429"] = new OpenApiResponse
            {
                Description = "Too Many Requests",
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [ProblemJson] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(ApiProblem), context.SchemaRepository) },
                },
            };
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete || !int.TryParse(status, out var code))
            {
                continue;
            }

            if (code == StatusCodes.Status429TooManyRequests)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "3600" },
                };
            }

            if (concrete.Content?.TryGetValue(ProblemJson, out var media) == true && media is OpenApiMediaType problem)
            {
                problem.Example = Example(code, operation, context);
            }
            else if (concrete.Content?.TryGetValue("application/json", out var json) == true && json is OpenApiMediaType oauth
                && context.ApiDescription.SupportedResponseTypes.Any(r => r.StatusCode == code && r.Type == typeof(OAuthErrorResponse)))
            {
                oauth.Example = code == StatusCodes.Status401Unauthorized
                    ? new JsonObject { ["error"] = "invalid_client", ["error_description"] = "The client id or secret is incorrect." }
                    : new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "Only client_credentials is supported." };
            }
        }
    }

    private static JsonObject Example(int status, OpenApiOperation operation, OperationFilterContext context)
    {
        var (code, detail, errors) = status switch
        {
            StatusCodes.Status400BadRequest => BadRequest(operation, context),
            StatusCodes.Status403Forbidden when context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequiredScope>().FirstOrDefault() is { } scope =>
                ("insufficient_scope", $"The access token lacks the scope this endpoint needs: {scope.Scope}.", null),
            StatusCodes.Status409Conflict => (ProblemCodes.Conflict, "The request conflicts with the current state of the resource.", null),
            StatusCodes.Status412PreconditionFailed => (ProblemCodes.ForStatus(status), "The resource changed since the version named in If-Match.", null),
            StatusCodes.Status422UnprocessableEntity => (ProblemCodes.Unprocessable, "The request is well-formed but cannot be carried out in the resource's current state.", null),
            StatusCodes.Status428PreconditionRequired => (ProblemCodes.ForStatus(status), "Send If-Match with the ETag of the version you read.", null),
            StatusCodes.Status429TooManyRequests => (ProblemCodes.TooManyRequests, "Too many requests; retry after the number of seconds in Retry-After.", null),
            StatusCodes.Status500InternalServerError => (ProblemCodes.InternalError, "An unexpected error occurred. Quote the traceId when reporting it.", null),
            StatusCodes.Status502BadGateway => (ProblemCodes.PaymentProviderError, "The payment provider refused the request.", null),
            StatusCodes.Status503ServiceUnavailable => (ProblemCodes.PaymentProviderUnavailable, "The payment provider cannot be reached right now; try again in a minute.", null),
            _ => (ProblemCodes.ForStatus(status), ProblemCodes.DefaultDetail(status), (JsonObject?)null),
        };

        var example = new JsonObject
        {
            ["type"] = TypeOf(status),
            ["title"] = status == StatusCodes.Status400BadRequest && errors is not null
                ? "Validation failed"
                : Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            ["status"] = status,
            ["detail"] = detail,
            ["code"] = code,
            ["traceId"] = TraceId,
        };
        if (errors is not null)
        {
            example["errors"] = errors;
        }

        return example;
    }

    /// <summary>validation_failed naming a field the operation really takes: a property of its body, else a query parameter.</summary>
    private static (string Code, string Detail, JsonObject? Errors) BadRequest(OpenApiOperation operation, OperationFilterContext context)
    {
        var field = BodyField(operation, context);
        string? message = field is null ? null : $"{field} is required.";
        if (field is null && operation.Parameters?.FirstOrDefault(p => p.In == ParameterLocation.Query) is { Name: { } query })
        {
            field = query;
            message = query == "limit" ? $"limit must be between 1 and {PageLimits.Max}." : $"{query} is not valid.";
        }

        return field is null
            ? (ProblemCodes.MalformedRequest, ProblemCodes.DefaultDetail(StatusCodes.Status400BadRequest), null)
            : (ProblemCodes.ValidationFailed, "One or more fields are invalid.", new JsonObject { [field] = new JsonArray(message) });
    }

    private static string? BodyField(OpenApiOperation operation, OperationFilterContext context)
    {
        var schema = operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true ? media.Schema : null;
        if (schema is OpenApiSchemaReference reference && reference.Reference.Id is { } id
            && context.SchemaRepository.Schemas.TryGetValue(id, out var target))
        {
            schema = target;
        }

        return schema?.Required?.FirstOrDefault() ?? schema?.Properties?.Keys.FirstOrDefault();
    }

    /// <summary>The problem type links ASP.NET Core writes for each status: RFC 9110's sections, about:blank where it has none.</summary>
    private static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        413 or 428 or 429 => "about:blank",
        502 => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };
}

using System.Text.Json;
using System.Text.RegularExpressions;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Errors;

/// <summary>
/// The one place exceptions become HTTP responses: validation 400, malformed input 400/413/415,
/// broken domain rules 409/422, everything else 500 with a trace id and nothing internal.
/// </summary>
internal sealed partial class GlobalExceptionHandler(IProblemDetailsService problemDetails, ILogger<GlobalExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var problem = exception switch
        {
            RequestValidationException validation => Validation(validation.Errors, "One or more fields are invalid."),
            BadHttpRequestException badRequest => FromBadRequest(badRequest),
            HeadlessPortal.Application.Documents.FileTooLargeException tooLarge =>
                Problem(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, $"The file is larger than {tooLarge.MaxBytes} bytes."),
            HeadlessPortal.Application.Payments.PaymentGatewayException gateway => FromGateway(gateway),
            DomainException domain => Problem(
                domain.Kind == DomainErrorKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity,
                domain.Code,
                domain.Message),
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(
                StatusCodes.Status500InternalServerError,
                ProblemCodes.InternalError,
                "An unexpected error occurred. Quote the traceId when reporting it.");
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    // The provider's own messages are passed on only for declines (written for the customer); anything else could carry a secret.
    private static ProblemDetails FromGateway(HeadlessPortal.Application.Payments.PaymentGatewayException exception)
    {
        switch (exception.Kind)
        {
            case HeadlessPortal.Application.Payments.PaymentGatewayErrorKind.Declined:
                var declined = Problem(StatusCodes.Status402PaymentRequired, ProblemCodes.PaymentDeclined, exception.Message);
                declined.Extensions["declineCode"] = exception.DeclineCode;
                return declined;
            case HeadlessPortal.Application.Payments.PaymentGatewayErrorKind.Unavailable:
                return Problem(StatusCodes.Status503ServiceUnavailable, ProblemCodes.PaymentProviderUnavailable, "The payment provider cannot be reached right now; try again in a minute.");
            default:
                return Problem(StatusCodes.Status502BadGateway, ProblemCodes.PaymentProviderError, "The payment provider refused the request.");
        }
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(exception.StatusCode, ProblemCodes.PayloadTooLarge, "The request body is too large.");
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Problem(exception.StatusCode, ProblemCodes.UnsupportedMediaType, "Send the body as application/json.");
        }

        if (exception.InnerException is JsonException unknown && UnmappedProperty().Match(unknown.Message) is { Success: true } unmapped)
        {
            var field = UnknownField(unknown.Path, unmapped.Groups["name"].Value);
            return Validation(
                new Dictionary<string, string[]> { [field] = [$"{field} is not a field of this request; check its spelling against the API description."] },
                "The request body has a field this endpoint does not accept.");
        }

        if (exception.InnerException is JsonException json)
        {
            // A reader error (bad syntax, truncated body) wraps another JsonException; a value of the
            // wrong type for a field does not, and its path names the field.
            var field = json.InnerException is JsonException ? null : JsonPathToField(json.Path);
            return field is null
                ? Problem(StatusCodes.Status400BadRequest, ProblemCodes.MalformedRequest, "The request body is not valid JSON.")
                : Validation(new Dictionary<string, string[]> { [field] = ["The value has the wrong type or format."] }, "The request body has a value of the wrong type.");
        }

        var binding = ParameterBinding().Match(exception.Message);
        if (binding.Success)
        {
            var name = binding.Groups["name"].Value;
            return Validation(new Dictionary<string, string[]> { [name] = [$"\"{binding.Groups["value"].Value}\" is not a valid value for {name}."] }, "A parameter has an invalid value.");
        }

        if (exception.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase)
            || exception.Message.Contains("was not provided from body", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status400BadRequest, ProblemCodes.MalformedRequest, "A JSON request body is required.");
        }

        return Problem(StatusCodes.Status400BadRequest, ProblemCodes.MalformedRequest, "The request is malformed.");
    }

    private static string? JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    // The serializer's message names the .NET type, which stays inside; the field's path is rebuilt from the JSON path.
    private static string UnknownField(string? path, string name)
    {
        var parent = JsonPathToField(path);
        return parent is null ? name
            : parent == name || parent.EndsWith("." + name, StringComparison.Ordinal) || parent.EndsWith("['" + name + "']", StringComparison.Ordinal) ? parent
            : $"{parent}.{name}";
    }

    private static ProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors, string detail)
    {
        var problem = Problem(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, detail);
        problem.Title = "Validation failed";
        problem.Extensions[ProblemDetailsSetup.ErrorsKey] = errors;
        return problem;
    }

    private static ProblemDetails Problem(int status, string code, string detail) => new()
    {
        Status = status,
        Detail = detail,
        Extensions = { [ProblemDetailsSetup.CodeKey] = code },
    };

    [GeneratedRegex("""^The JSON property '(?<name>.*)' could not be mapped to any \.NET member""", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("""^Failed to bind parameter "(?:[^"]+ )?(?<name>[^" ]+)" from "(?<value>[^"]*)"\.""", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterBinding();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Sync;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeadlessPortal.Api.Errors;

internal static class ResultExtensions
{
    /// <summary>Maps an expected failure to its problem response.</summary>
    public static ProblemHttpResult ToProblem(this Error error, int? status = null)
    {
        status ??= error.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var extensions = new Dictionary<string, object?> { [ProblemDetailsSetup.CodeKey] = error.Code };
        if (error.Fields is { Count: > 0 })
        {
            extensions[ProblemDetailsSetup.ErrorsKey] = error.Fields;
        }

        return TypedResults.Problem(detail: error.Message, statusCode: status, extensions: extensions);
    }

    /// <summary>Sends Retry-After (whole seconds, at least 1) when the failure says how long to wait.</summary>
    public static Result<T> WithRetryAfter<T>(this Result<T> result, HttpResponse response)
    {
        if (result.Error?.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>201 with the new resource and its address, or the failure's problem.</summary>
    public static Results<Created<T>, ProblemHttpResult> ToCreated<T>(this Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value), result.Value) : result.Error!.ToProblem();

    /// <summary>201 with the address when an upsert created the record, 200 when it updated it, or the failure's problem.</summary>
    public static Results<Created<T>, Ok<T>, ProblemHttpResult> ToUpserted<T>(this Result<UpsertOutcome<T>> result, string location)
    {
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        return result.Value.Created ? TypedResults.Created(location, result.Value.Value) : TypedResults.Ok(result.Value.Value);
    }

    /// <summary>200 with the value, or the failure's problem.</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToOk<T>(this Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();

    /// <summary>Documents problem responses with their real shape in OpenAPI.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiProblem), ["application/problem+json"]));
        }

        return builder;
    }
}

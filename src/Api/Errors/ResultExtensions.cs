using HeadlessPortal.Application.Common.Errors;
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
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return TypedResults.Problem(
            detail: error.Message,
            statusCode: status,
            extensions: new Dictionary<string, object?> { [ProblemDetailsSetup.CodeKey] = error.Code });
    }

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

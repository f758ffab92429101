using System.Diagnostics;

namespace HeadlessPortal.Api.Errors;

internal static class ProblemDetailsSetup
{
    public const string CodeKey = "code";
    public const string TraceIdKey = "traceId";
    public const string ErrorsKey = "errors";

    /// <summary>Every problem the API writes, from any source, leaves with a code, a detail and a trace id.</summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Status = status;
            if (problem.Detail is null && status == StatusCodes.Status404NotFound)
            {
                problem.Detail = $"No resource exists at {context.HttpContext.Request.Path}.";
            }

            problem.Detail ??= ProblemCodes.DefaultDetail(status);
            problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
            problem.Type ??= "about:blank";
            problem.Extensions.TryAdd(CodeKey, ProblemCodes.ForStatus(status));
            problem.Extensions[TraceIdKey] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            problem.Instance = null;
        });
        services.AddExceptionHandler<GlobalExceptionHandler>();
        return services;
    }
}

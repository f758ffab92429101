using System.Diagnostics;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Observability;
using Mediator;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Application.Common.Behaviors;

/// <summary>
/// Logs and traces every request: one span named after the request (tagged with its outcome) and one log line with
/// the elapsed time. Never records the request's content: it may hold secrets.
/// </summary>
internal sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        using var activity = Telemetry.Source.StartActivity($"mediator {name}");
        activity?.SetTag("mediator.request", name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response is IResult { IsSuccess: false })
            {
                activity?.SetTag("mediator.outcome", "failure");
                LogFailed(name, elapsed);
            }
            else
            {
                activity?.SetTag("mediator.outcome", "success");
                LogHandled(name, elapsed);
            }

            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity.RecordFailure(ex);
            LogThrew(name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handled {Request} in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handled {Request} with an expected failure in {ElapsedMs:0.0} ms")]
    private partial void LogFailed(string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} threw {Exception} after {ElapsedMs:0.0} ms")]
    private partial void LogThrew(string request, double elapsedMs, string exception);
}

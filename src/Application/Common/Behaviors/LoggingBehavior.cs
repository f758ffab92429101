using System.Diagnostics;
using HeadlessPortal.Application.Common.Errors;
using Mediator;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Application.Common.Behaviors;

/// <summary>Logs every request with its outcome and elapsed time. Never logs the request's content: it may hold secrets.</summary>
internal sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response is IResult { IsSuccess: false })
            {
                LogFailed(typeof(TMessage).Name, elapsed);
            }
            else
            {
                LogHandled(typeof(TMessage).Name, elapsed);
            }

            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogThrew(typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
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

using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Application.Common.Messaging;

internal sealed class Mediator(IServiceProvider services) : ISender
{
    private static readonly ConcurrentDictionary<Type, RequestDispatcher> Dispatchers = new();

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        var dispatcher = (RequestDispatcher<TResponse>)Dispatchers.GetOrAdd(
            request.GetType(),
            static requestType => (RequestDispatcher)Activator.CreateInstance(
                typeof(RequestDispatcher<,>).MakeGenericType(requestType, typeof(TResponse)))!);

        return dispatcher.Dispatch(request, services, cancellationToken);
    }

    private abstract class RequestDispatcher;

    private abstract class RequestDispatcher<TResponse> : RequestDispatcher
    {
        public abstract Task<TResponse> Dispatch(IRequest<TResponse> request, IServiceProvider services, CancellationToken cancellationToken);
    }

    // One closed instance per request type, built once, so dispatch needs no reflection.
    private sealed class RequestDispatcher<TRequest, TResponse> : RequestDispatcher<TResponse>
        where TRequest : IRequest<TResponse>
    {
        public override Task<TResponse> Dispatch(IRequest<TResponse> request, IServiceProvider services, CancellationToken cancellationToken)
        {
            var typed = (TRequest)request;
            var handler = services.GetService<IRequestHandler<TRequest, TResponse>>()
                ?? throw new InvalidOperationException($"No handler is registered for {typeof(TRequest).Name}.");

            RequestHandlerDelegate<TResponse> pipeline = ct => handler.Handle(typed, ct);
            var behaviors = services.GetServices<IPipelineBehavior<TRequest, TResponse>>().Reverse();
            foreach (var behavior in behaviors)
            {
                var next = pipeline;
                pipeline = ct => behavior.Handle(typed, next, ct);
            }

            return pipeline(cancellationToken);
        }
    }
}

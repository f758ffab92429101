namespace HeadlessPortal.Application.Common.Messaging;

/// <summary>A request handled by exactly one <see cref="IRequestHandler{TRequest,TResponse}"/>.</summary>
public interface IRequest<out TResponse>;

/// <summary>Marks a request that changes state: the pipeline runs it inside one database transaction.</summary>
public interface ITransactionalRequest;

/// <summary>A request that changes state and runs inside one database transaction.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>, ITransactionalRequest;

/// <summary>A read-only request.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;

public interface IRequestHandler<in TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
}

/// <summary>The rest of the pipeline, ending with the handler.</summary>
public delegate Task<TResponse> RequestHandlerDelegate<TResponse>(CancellationToken cancellationToken = default);

/// <summary>Wraps every request of a type; registered behaviours run in registration order, outermost first.</summary>
public interface IPipelineBehavior<in TRequest, TResponse>
    where TRequest : notnull
{
    Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken);
}

/// <summary>Sends a request through the pipeline to its handler.</summary>
public interface ISender
{
    Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
}

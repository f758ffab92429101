using HeadlessPortal.Application.Common.Interfaces;
using Mediator;

namespace HeadlessPortal.Application.Common.Behaviors;

/// <summary>
/// Runs a query on one database connection: a portal page makes several statements, and without this each would take a
/// connection from the pool and give it back (a lock each way, and on SQLite the connection's pragmas again).
/// </summary>
internal sealed class ReadConnectionBehavior<TMessage, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IQuery<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await using var connection = await unitOfWork.KeepConnectionOpenAsync(cancellationToken);
        return await next(message, cancellationToken);
    }
}

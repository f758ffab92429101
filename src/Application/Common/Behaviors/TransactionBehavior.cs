using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using Mediator;

namespace HeadlessPortal.Application.Common.Behaviors;

/// <summary>
/// Runs an <see cref="ITransactionalCommand{TResponse}"/> in one transaction: committed when the handler succeeds,
/// rolled back when it throws or returns a failed <see cref="Result{T}"/>. The constraint keeps queries and
/// self-transacted commands out of this behaviour altogether.
/// </summary>
internal sealed class TransactionBehavior<TMessage, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : ITransactionalCommand<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync(
            ct => next(message, ct).AsTask(),
            response => response is not IResult { IsSuccess: false },
            cancellationToken);
}

using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;

namespace HeadlessPortal.Application.Common.Behaviors;

/// <summary>
/// Runs commands in one transaction: committed when the handler succeeds, rolled back when it throws
/// or returns a failed <see cref="Result{T}"/>. Queries pass straight through.
/// </summary>
internal sealed class TransactionBehavior<TRequest, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    public Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        if (request is not ITransactionalRequest)
        {
            return next(cancellationToken);
        }

        return unitOfWork.ExecuteAsync(
            ct => next(ct),
            response => response is not IResult { IsSuccess: false },
            cancellationToken);
    }
}

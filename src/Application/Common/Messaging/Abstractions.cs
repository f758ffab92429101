using Mediator;

namespace HeadlessPortal.Application.Common.Messaging;

/// <summary>
/// A command the pipeline runs inside one database transaction: committed when the handler succeeds,
/// rolled back when it throws or returns a failed <see cref="Errors.Result{T}"/>.
/// </summary>
public interface ITransactionalCommand<out TResponse> : ICommand<TResponse>;

/// <summary>
/// A command that opens and commits its own transactions, so the pipeline must not wrap it in one: it calls
/// an outside service between two commits (a payment provider, a file on disk), or commits in batches.
/// </summary>
public interface ISelfTransactedCommand<out TResponse> : ICommand<TResponse>;

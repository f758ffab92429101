using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>
/// Acts on what a save changed once the change is durable: right after the save when it ran on its own, after the
/// commit when it ran inside a transaction (a reader looking before the commit would not see it yet), never after a
/// rollback or a failed save. Several saves in one transaction are acted on together at its commit.
/// </summary>
/// <typeparam name="TState">What a save changed, as far as the subclass cares.</typeparam>
internal abstract class AfterCommitInterceptor<TState> : ISaveChangesInterceptor, IDbTransactionInterceptor
    where TState : class
{
    private readonly ConditionalWeakTable<DbContext, TState> _saving = [];
    private readonly ConditionalWeakTable<DbContext, List<TState>> _committing = [];

    /// <summary>Called before a save writes: what it changes, or null when there is nothing to act on.</summary>
    protected abstract TState? Saving(DbContext context);

    /// <summary>Called once the changes of one or more saves are committed.</summary>
    protected abstract void Committed(IReadOnlyList<TState> saved);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => TransactionEnded(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionEnded(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => TransactionEnded(eventData.Context, committed: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionEnded(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => TransactionEnded(eventData.Context, committed: false);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionEnded(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is not null && Saving(context) is { } state)
        {
            _saving.AddOrUpdate(context, state);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_saving.TryGetValue(context, out var state))
        {
            return;
        }

        _saving.Remove(context);
        if (context.Database.CurrentTransaction is null)
        {
            Committed([state]);
        }
        else
        {
            _committing.GetOrCreateValue(context).Add(state);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _saving.Remove(context);
        }
    }

    private void TransactionEnded(DbContext? context, bool committed)
    {
        if (context is null || !_committing.TryGetValue(context, out var states))
        {
            return;
        }

        _committing.Remove(context);
        if (committed && states.Count > 0)
        {
            Committed(states);
        }
    }
}

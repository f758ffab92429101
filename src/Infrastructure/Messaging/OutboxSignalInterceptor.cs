using System.Data.Common;
using System.Runtime.CompilerServices;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeadlessPortal.Infrastructure.Messaging;

/// <summary>
/// Wakes the dispatcher when a save made an outbox message due (inserted, or set back to pending): right after
/// the save when it ran on its own, after the commit when it ran inside a transaction (a message the dispatcher
/// looked for before the commit would not be visible yet), never after a rollback. Polling still finds whatever
/// this misses, such as messages committed by another process.
/// </summary>
internal sealed class OutboxSignalInterceptor(IOutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _saving = [];
    private readonly ConditionalWeakTable<DbContext, Pending> _committing = [];

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

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(_saving, eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(_saving, eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(_committing, eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(_committing, eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(_committing, eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(_committing, eventData.Context);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is not null && MakesAMessageDue(context))
        {
            _saving.AddOrUpdate(context, Pending.Instance);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_saving.Remove(context))
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            signal.Notify();
        }
        else
        {
            _committing.AddOrUpdate(context, Pending.Instance);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _committing.Remove(context))
        {
            signal.Notify();
        }
    }

    private static void Forget(ConditionalWeakTable<DbContext, Pending> table, DbContext? context)
    {
        if (context is not null)
        {
            table.Remove(context);
        }
    }

    private static bool MakesAMessageDue(DbContext context) =>
        context.ChangeTracker.Entries<OutboxMessage>().Any(e =>
            e.State == EntityState.Added ||
            (e.State == EntityState.Modified && e.Property(m => m.Status).IsModified && e.Entity.Status == OutboxStatus.Pending));

    private sealed class Pending
    {
        public static readonly Pending Instance = new();
    }
}

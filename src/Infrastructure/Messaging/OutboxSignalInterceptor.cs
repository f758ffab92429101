using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Infrastructure.Messaging;

/// <summary>
/// Wakes the dispatcher when a save made an outbox message due (inserted, or set back to pending): right after
/// the save when it ran on its own, after the commit when it ran inside a transaction (a message the dispatcher
/// looked for before the commit would not be visible yet), never after a rollback. Polling still finds whatever
/// this misses, such as messages committed by another process.
/// </summary>
internal sealed class OutboxSignalInterceptor(IOutboxSignal signal) : AfterCommitInterceptor<object>
{
    private static readonly object Due = new();

    protected override object? Saving(DbContext context) => MakesAMessageDue(context) ? Due : null;

    protected override void Committed(IReadOnlyList<object> saved) => signal.Notify();

    private static bool MakesAMessageDue(DbContext context) =>
        context.ChangeTracker.Entries<OutboxMessage>().Any(e =>
            e.State == EntityState.Added ||
            (e.State == EntityState.Modified && e.Property(m => m.Status).IsModified && e.Entity.Status == OutboxStatus.Pending));
}

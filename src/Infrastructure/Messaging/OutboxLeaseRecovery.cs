using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Infrastructure.Messaging;

/// <summary>
/// Hands back outbox messages whose dispatcher's lease expired without an outcome (the process crashed or
/// hung): due at once, without counting the attempt again (the claim counted it), or dead when that was the
/// last allowed attempt. Dispatchers would also claim such messages again by themselves; this makes their state
/// honest in the admin list, and is the only way a message that kills its dispatcher on every try ends.
/// </summary>
internal sealed partial class OutboxLeaseRecovery(AppDbContext db, OutboxOptions options, IClock clock, ILogger<OutboxLeaseRecovery> logger) : IMaintenanceTask
{
    /// <summary>The most messages one run recovers; the next run takes the rest.</summary>
    internal const int MaxPerRun = 500;

    public string Name => "outbox-lease-recovery";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var policy = options.RetryPolicy;
        var expired = await db.OutboxMessages.IgnoreQueryFilters([QueryFilters.Tenant])
            .Where(m => (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Failed) && m.LockedUntil <= now)
            .OrderBy(m => m.Id)
            .Take(MaxPerRun)
            .ToListAsync(cancellationToken);

        var recovered = 0;
        foreach (var message in expired)
        {
            message.ReleaseExpiredLease(policy, now);
            var failed = message.Status == OutboxStatus.Dead && message.Type == EmailMessages.Type ? MessageFailed.ForEmail(message, now) : null;
            if (failed is not null)
            {
                db.OutboxMessages.Add(failed);
            }

            try
            {
                // One save per message: the save is conditional on the lease it saw, and a dispatcher that claimed
                // the message in the meantime wins without failing the others.
                await db.SaveChangesAsync(cancellationToken);
                recovered++;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(message).State = EntityState.Detached;
                if (failed is not null)
                {
                    db.Entry(failed).State = EntityState.Detached;
                }
            }
        }

        if (recovered > 0)
        {
            LogRecovered(recovered);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered {Count} outbox message(s) whose dispatcher's lease expired without an outcome")]
    private partial void LogRecovered(int count);
}

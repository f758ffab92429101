using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Application.Texts;

/// <summary>
/// Sends one recorded text. The text is claimed first with a conditional update (scheduled and due, or sending with
/// an expired lease), so of several workers and processes asked to send it, one does; the others find nothing to do.
/// A refused text fails for good; a provider that did not answer is tried again later (a delayed job), up to
/// <see cref="TextMessage.MaxAttempts"/> attempts. A number that replied STOP in the meantime cancels the text.
/// </summary>
public sealed partial class TextSender(
    IAppDbContext db, ITenantScope tenantScope, ICurrentTenant currentTenant, IClock clock, ISmsSender sender, ITextQueue queue, ILogger<TextSender> logger)
{
    /// <summary>How long a claim lasts: longer than a provider call with its retries.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Answers the text's status afterwards, or null when another worker had it or it was not due.</summary>
    public async Task<TextMessageStatus?> SendAsync(Guid tenantId, Guid textId, CancellationToken cancellationToken)
    {
        if (currentTenant.Id is null)
        {
            tenantScope.Enter(new TenantId(tenantId));
        }

        var now = clock.UtcNow;
        var leaseUntil = now + Lease;
        var claimed = await db.Set<TextMessage>()
            .Where(t => t.Id == textId
                && ((t.Status == TextMessageStatus.Scheduled && t.DueAt <= now)
                    || (t.Status == TextMessageStatus.Sending && t.LockedUntil <= now)))
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.Status, TextMessageStatus.Sending)
                    .SetProperty(t => t.LockedUntil, leaseUntil)
                    .SetProperty(t => t.Attempts, t => t.Attempts + 1),
                cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var text = await db.Set<TextMessage>().SingleAsync(t => t.Id == textId, cancellationToken);
        if (await db.Set<SmsOptOut>().AnyAsync(o => o.PhoneNumber == text.To, cancellationToken))
        {
            text.Cancel("The number replied STOP before the text was sent.", clock.UtcNow);
            await db.SaveChangesAsync(cancellationToken);
            return text.Status;
        }

        try
        {
            var sent = await sender.SendAsync(new OutgoingText(text.From, text.To, text.Body), cancellationToken);
            text.Accepted(sent.ProviderMessageId, sent.Status, clock.UtcNow);
        }
        catch (SmsSendException ex)
        {
            var retryAt = clock.UtcNow + TimeSpan.FromSeconds(30 * Math.Pow(2, Math.Max(0, text.Attempts - 1)));
            text.SendFailed(ex.Code, ex.Message, ex.Permanent, retryAt, clock.UtcNow);
            LogFailed(text.Id, ex.Code, ex.Permanent, ex.Message);
            if (MessageFailed.Ended(text.Status))
            {
                db.OutboxMessages.Add(MessageFailed.ForText(text, clock.UtcNow));
            }
        }

        // The provider has the text: what it was given is recorded even if the caller gave up waiting.
        await db.SaveChangesAsync(CancellationToken.None);
        if (text.Status == TextMessageStatus.Scheduled)
        {
            queue.Schedule(tenantId, text.Id, text.DueAt);
        }

        return text.Status;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text {TextId} was not sent (code {Code}, permanent {Permanent}): {Error}")]
    private partial void LogFailed(Guid textId, string? code, bool permanent, string error);
}

/// <summary>
/// Every few minutes, sends the texts that are due but were not sent: a queue entry lost with a process that stopped
/// between recording a text and queueing it, or a sender that stopped while it held one (its lease expired).
/// </summary>
internal sealed class DueTextSweep(IAppDbContext db, IClock clock, ITextQueue queue) : IMaintenanceTask
{
    public const int BatchSize = 200;

    public string Name => "texts.send-due";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var due = await db.Set<TextMessage>().IgnoreQueryFilters([QueryFilters.Tenant]).AsNoTracking()
            .Where(t => (t.Status == TextMessageStatus.Scheduled && t.DueAt <= now) || (t.Status == TextMessageStatus.Sending && t.LockedUntil <= now))
            .OrderBy(t => t.DueAt)
            .Take(BatchSize)
            .Select(t => new { t.TenantId, t.Id })
            .ToListAsync(cancellationToken);
        foreach (var text in due)
        {
            queue.Enqueue(text.TenantId.Value, text.Id);
        }
    }
}

using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Texts.ReceiveTextWebhook;

/// <summary>What a verified request to the SMS webhook did.</summary>
public enum TextWebhookOutcome
{
    /// <summary>A delivery report moved a text's status forward.</summary>
    StatusRecorded,

    /// <summary>A delivery report about a text we do not know, or older than its status: nothing changed.</summary>
    StatusIgnored,

    /// <summary>The sender replied STOP (or a synonym): no more texts from this tenant.</summary>
    OptedOut,

    /// <summary>The sender replied START (or a synonym): texts again.</summary>
    OptedIn,

    /// <summary>The sender asked for HELP.</summary>
    Help,

    /// <summary>Any other reply, or one to a number no tenant sends from.</summary>
    Ignored,
}

/// <summary>Handles one request Twilio made to the webhook, already verified (its signature) by the caller.</summary>
/// <param name="Form">The form fields Twilio posted.</param>
public sealed record ReceiveTextWebhookCommand(IReadOnlyDictionary<string, string> Form) : ISelfTransactedCommand<TextWebhookOutcome>;

/// <summary>
/// Delivery reports (a <c>MessageStatus</c> for a <c>MessageSid</c>) move the text's status forward (reports arrive in
/// any order; an older one changes nothing). Replies are matched to the tenant by the number they were sent to (its
/// sender number): STOP, STOPALL, UNSUBSCRIBE, CANCEL, END and QUIT record an opt-out of that customer number and
/// cancel its texts still waiting (quiet hours); START, YES and UNSTOP remove it. Twilio itself answers these keywords
/// to the customer, so nothing is answered here.
/// </summary>
internal sealed class ReceiveTextWebhookHandler(IAppDbContext db, ITenantScope tenantScope, IClock clock)
    : ICommandHandler<ReceiveTextWebhookCommand, TextWebhookOutcome>
{
    private const int MaxStatusAttempts = 5;

    public async ValueTask<TextWebhookOutcome> Handle(ReceiveTextWebhookCommand request, CancellationToken cancellationToken)
    {
        var form = request.Form;
        var status = form.GetValueOrDefault("MessageStatus") ?? form.GetValueOrDefault("SmsStatus");
        if (!form.ContainsKey("Body") && status is not null && form.GetValueOrDefault("MessageSid") is { Length: > 0 } sid)
        {
            return await RecordStatusAsync(sid, status, form.GetValueOrDefault("ErrorCode"), cancellationToken);
        }

        var from = form.GetValueOrDefault("From");
        var to = form.GetValueOrDefault("To");
        if (from is null || to is null)
        {
            return TextWebhookOutcome.Ignored;
        }

        var keyword = TextKeywords.Normalize(form.GetValueOrDefault("Body"));
        var outcome = TextKeywords.OptOut.Contains(keyword) ? TextWebhookOutcome.OptedOut
            : TextKeywords.OptIn.Contains(keyword) ? TextWebhookOutcome.OptedIn
            : TextKeywords.Help.Contains(keyword) ? TextWebhookOutcome.Help
            : TextWebhookOutcome.Ignored;
        if (outcome is TextWebhookOutcome.Help or TextWebhookOutcome.Ignored)
        {
            return outcome;
        }

        // The number the customer wrote to is a tenant's sender number; without one, the reply is not for us.
        var tenants = await db.SenderPhoneNumbers.IgnoreQueryFilters([QueryFilters.Tenant]).AsNoTracking()
            .Where(p => p.Number == to).Select(p => p.TenantId).Distinct().ToListAsync(cancellationToken);
        if (tenants.Count != 1)
        {
            return TextWebhookOutcome.Ignored;
        }

        tenantScope.Enter(tenants[0]);
        var now = clock.UtcNow;
        if (outcome == TextWebhookOutcome.OptedOut)
        {
            await OptOutAsync(tenants[0], from, keyword, now, cancellationToken);
        }
        else
        {
            var existing = await db.Set<SmsOptOut>().Where(o => o.PhoneNumber == from).ToListAsync(cancellationToken);
            db.Set<SmsOptOut>().RemoveRange(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        return outcome;
    }

    private async Task OptOutAsync(TenantId tenantId, string from, string keyword, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.Set<SmsOptOut>().AnyAsync(o => o.PhoneNumber == from, ct))
        {
            db.Set<SmsOptOut>().Add(SmsOptOut.Record(tenantId, from, keyword, now));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (UniqueConstraintViolationException ex) when (ex.Covers<SmsOptOut>(nameof(SmsOptOut.PhoneNumber)))
            {
                // The same STOP twice at once: one of them recorded it.
                db.ClearTracked();
            }
        }

        // Honoured at once: texts waiting for the morning are not sent. The opt-out is saved first, so a text a sender
        // claims meanwhile (its status changed under us) is canceled by the sender, which checks opt-outs after its claim.
        var waiting = await db.Set<TextMessage>().Where(t => t.To == from && t.Status == TextMessageStatus.Scheduled).ToListAsync(ct);
        foreach (var text in waiting)
        {
            text.Cancel("The number replied STOP before the text was sent.", now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ClearTracked();
        }
    }

    private async Task<TextWebhookOutcome> RecordStatusAsync(string sid, string status, string? errorCode, CancellationToken ct)
    {
        TextMessageStatus? reported = status.ToLowerInvariant() switch
        {
            "accepted" or "queued" or "scheduled" => TextMessageStatus.Queued,
            "sending" or "sent" => TextMessageStatus.Sent,
            "delivered" or "read" => TextMessageStatus.Delivered,
            "undelivered" => TextMessageStatus.Undelivered,
            "failed" or "canceled" => TextMessageStatus.Failed,
            _ => null,
        };
        if (reported is null)
        {
            return TextWebhookOutcome.StatusIgnored;
        }

        var tenantId = await db.Set<TextMessage>().IgnoreQueryFilters([QueryFilters.Tenant]).AsNoTracking()
            .Where(t => t.ProviderMessageId == sid).Select(t => (TenantId?)t.TenantId).SingleOrDefaultAsync(ct);
        if (tenantId is null)
        {
            return TextWebhookOutcome.StatusIgnored;
        }

        tenantScope.Enter(tenantId.Value);
        // The status is the row's concurrency token: of two reports at once, one saves and the other is applied again to
        // what it saved, so a later status is never lost and a failure is announced once.
        for (var attempt = 1; ; attempt++)
        {
            var text = await db.Set<TextMessage>().SingleAsync(t => t.ProviderMessageId == sid, ct);
            var now = clock.UtcNow;
            if (!text.Report(reported.Value, errorCode, now))
            {
                return TextWebhookOutcome.StatusIgnored;
            }

            if (MessageFailed.Ended(text.Status))
            {
                db.OutboxMessages.Add(MessageFailed.ForText(text, now));
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return TextWebhookOutcome.StatusRecorded;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxStatusAttempts)
            {
                db.ClearTracked();
            }
        }
    }
}

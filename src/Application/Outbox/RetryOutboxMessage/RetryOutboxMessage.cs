using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Outbox.RetryOutboxMessage;

/// <summary>Delivers a failed, dead or unsubscribed (noSubscriber) outbox message again: pending now, with its attempts reset.</summary>
/// <param name="Id">The message id.</param>
public sealed record RetryOutboxMessageCommand(Guid Id) : ITransactionalCommand<Result<OutboxMessageDto>>;

internal sealed class RetryOutboxMessageHandler(IAppDbContext db, IClock clock, IAuditLog audit)
    : ICommandHandler<RetryOutboxMessageCommand, Result<OutboxMessageDto>>
{
    public async ValueTask<Result<OutboxMessageDto>> Handle(RetryOutboxMessageCommand request, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == request.Id, cancellationToken);
        if (message is null)
        {
            return Error.NotFound("outbox message");
        }

        if (message.Status == OutboxStatus.Sent)
        {
            return Error.Conflict("message_already_sent", "The message was already sent; it is not sent again.");
        }

        var before = new { message.Status, message.Attempts };
        message.Retry(clock.UtcNow);
        audit.Record(message.TenantId, "outbox_message.retried", $"outbox-message:{message.Id}", before, new { message.Status, message.Attempts });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A dispatcher claimed or finished the message between the read and the save.
            return Error.Conflict("message_busy", "The message is being delivered right now; look at it again in a moment.");
        }

        return OutboxMessageDto.From(message);
    }
}

using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PhoneNumbers.RemoveSenderPhoneNumber;

/// <summary>Removes a sender number.</summary>
public sealed record RemoveSenderPhoneNumberCommand(Guid Id) : ITransactionalCommand<Result<SenderPhoneNumberDto>>;

internal sealed class RemoveSenderPhoneNumberHandler(IAppDbContext db, IAuditLog audit)
    : ICommandHandler<RemoveSenderPhoneNumberCommand, Result<SenderPhoneNumberDto>>
{
    public async ValueTask<Result<SenderPhoneNumberDto>> Handle(RemoveSenderPhoneNumberCommand request, CancellationToken cancellationToken)
    {
        var number = await db.SenderPhoneNumbers.SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken);
        if (number is null)
        {
            return Error.NotFound("phone number");
        }

        db.SenderPhoneNumbers.Remove(number);
        audit.Record(number.TenantId, "phone_number.removed", $"phone-number:{number.Number}", SenderPhoneNumberDto.From(number), null);
        await db.SaveChangesAsync(cancellationToken);
        return SenderPhoneNumberDto.From(number);
    }
}

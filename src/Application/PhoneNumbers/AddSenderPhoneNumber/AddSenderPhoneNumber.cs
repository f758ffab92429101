using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Organization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PhoneNumbers.AddSenderPhoneNumber;

/// <summary>Adds a sender number.</summary>
public sealed record AddSenderPhoneNumberCommand(string Number, string? Label) : ITransactionalCommand<Result<SenderPhoneNumberDto>>;

internal sealed class AddSenderPhoneNumberHandler(IAppDbContext db, ICurrentTenant currentTenant, IClock clock, IAuditLog audit)
    : ICommandHandler<AddSenderPhoneNumberCommand, Result<SenderPhoneNumberDto>>
{
    public async ValueTask<Result<SenderPhoneNumberDto>> Handle(AddSenderPhoneNumberCommand request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        if (await db.SenderPhoneNumbers.AnyAsync(p => p.Number == request.Number, cancellationToken))
        {
            return Error.Conflict("phone_number_exists", $"{request.Number} is already a sender number.");
        }

        var number = SenderPhoneNumber.Create(tenantId, request.Number, request.Label, clock.UtcNow);
        db.SenderPhoneNumbers.Add(number);
        audit.Record(tenantId, "phone_number.added", $"phone-number:{number.Number}", null, SenderPhoneNumberDto.From(number));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<SenderPhoneNumber>(nameof(SenderPhoneNumber.Number)))
        {
            return Error.Conflict("phone_number_exists", $"{request.Number} is already a sender number.");
        }

        return SenderPhoneNumberDto.From(number);
    }
}

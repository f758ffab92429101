using Mediator;
using FluentValidation;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PhoneNumbers;

/// <summary>A number the tenant sends SMS from.</summary>
/// <param name="Id">Record id.</param>
/// <param name="Number">E.164, such as +15555550123.</param>
/// <param name="Label">What it is, such as "Dispatch line".</param>
/// <param name="CreatedAt">When it was added.</param>
public sealed record SenderPhoneNumberDto(Guid Id, string Number, string? Label, DateTimeOffset CreatedAt)
{
    public static SenderPhoneNumberDto From(SenderPhoneNumber p) => new(p.Id, p.Number, p.Label, p.CreatedAt);
}

/// <summary>Adds a sender number.</summary>
public sealed record AddSenderPhoneNumberCommand(Guid TenantId, string Number, string? Label) : ITransactionalCommand<Result<SenderPhoneNumberDto>>;

internal sealed class AddSenderPhoneNumberValidator : AbstractValidator<AddSenderPhoneNumberCommand>
{
    public AddSenderPhoneNumberValidator()
    {
        RuleFor(x => x.Number).Must(ContactRules.IsE164Phone).WithMessage("number must be in E.164 form, such as +15555550123.");
        RuleFor(x => x.Label).MaximumLength(SenderPhoneNumber.LabelMaxLength);
    }
}

internal sealed class AddSenderPhoneNumberHandler(IAppDbContext db, IClock clock, IAuditLog audit)
    : ICommandHandler<AddSenderPhoneNumberCommand, Result<SenderPhoneNumberDto>>
{
    public async ValueTask<Result<SenderPhoneNumberDto>> Handle(AddSenderPhoneNumberCommand request, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(request.TenantId);
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

/// <summary>Lists sender numbers (a tenant has a handful, so no paging).</summary>
public sealed record ListSenderPhoneNumbersQuery : IQuery<IReadOnlyList<SenderPhoneNumberDto>>;

internal sealed class ListSenderPhoneNumbersHandler(IAppDbContext db) : IQueryHandler<ListSenderPhoneNumbersQuery, IReadOnlyList<SenderPhoneNumberDto>>
{
    public async ValueTask<IReadOnlyList<SenderPhoneNumberDto>> Handle(ListSenderPhoneNumbersQuery request, CancellationToken cancellationToken) =>
        (await db.SenderPhoneNumbers.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken)).Select(SenderPhoneNumberDto.From).ToList();
}

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

using HeadlessPortal.Domain.Organization;

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

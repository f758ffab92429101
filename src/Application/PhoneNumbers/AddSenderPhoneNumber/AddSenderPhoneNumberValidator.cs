using FluentValidation;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Organization;

namespace HeadlessPortal.Application.PhoneNumbers.AddSenderPhoneNumber;

internal sealed class AddSenderPhoneNumberValidator : AbstractValidator<AddSenderPhoneNumberCommand>
{
    public AddSenderPhoneNumberValidator()
    {
        RuleFor(x => x.Number).Must(ContactRules.IsE164Phone).WithMessage("number must be in E.164 form, such as +15555550123.");
        RuleFor(x => x.Label).MaximumLength(SenderPhoneNumber.LabelMaxLength);
    }
}

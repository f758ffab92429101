using FluentValidation;
using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Application.Bookings.RequestWebsiteBooking;

internal sealed class RequestWebsiteBookingValidator : AbstractValidator<RequestWebsiteBookingCommand>
{
    public RequestWebsiteBookingValidator()
    {
        RuleFor(x => x.Body.Name).NotEmpty().WithMessage("name is required.").MaximumLength(Limits.NameMaxLength).OverridePropertyName("name");
        RuleFor(x => x.Body.Email).NotEmpty().WithMessage("email is required.").OverridePropertyName("email");
        RuleFor(x => x.Body.Email).Must(e => string.IsNullOrWhiteSpace(e) || ContactRules.IsEmail(e.Trim())).WithMessage("email is not a valid address.")
            .OverridePropertyName("email");
        BookingRequestRules.AddPhoneRule(this, x => x.Body.Phone, "phone", required: true);
        RuleFor(x => x.Body.Address).NotNull().WithMessage("address is required.").OverridePropertyName("address");
        RuleFor(x => x.Body.Address!.Line1).NotEmpty().WithMessage("address.line1 is required.").MaximumLength(Address.LineMaxLength)
            .When(x => x.Body.Address is not null).OverridePropertyName("address.line1");
        RuleFor(x => x.Body.Address!.Line2).MaximumLength(Address.LineMaxLength).When(x => x.Body.Address is not null).OverridePropertyName("address.line2");
        RuleFor(x => x.Body.Address!.City).NotEmpty().WithMessage("address.city is required.").MaximumLength(Address.CityMaxLength)
            .When(x => x.Body.Address is not null).OverridePropertyName("address.city");
        RuleFor(x => x.Body.Address!.Region).MaximumLength(Address.RegionMaxLength).When(x => x.Body.Address is not null).OverridePropertyName("address.region");
        RuleFor(x => x.Body.Address!.PostalCode).MaximumLength(Address.PostalCodeMaxLength).When(x => x.Body.Address is not null).OverridePropertyName("address.postalCode");
        RuleFor(x => x.Body.Address!.Country).Must(c => c is { Length: Address.CountryLength } && c.All(char.IsAsciiLetter))
            .When(x => x.Body.Address is not null).WithMessage("address.country is a two-letter ISO 3166 code such as US.").OverridePropertyName("address.country");
        RuleFor(x => x.Body.JobTypeId).NotNull().WithMessage("jobTypeId is required.").OverridePropertyName("jobTypeId");
        BookingRequestRules.AddWindowRules(this, x => x.Body.PreferredWindows);
        BookingRequestRules.AddDescriptionRule(this, x => x.Body.Description);
        RuleFor(x => x.Body.Website).MaximumLength(2000).OverridePropertyName("website");
    }
}

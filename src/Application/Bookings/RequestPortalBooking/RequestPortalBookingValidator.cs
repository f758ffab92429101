using FluentValidation;
using HeadlessPortal.Domain.Bookings;

namespace HeadlessPortal.Application.Bookings.RequestPortalBooking;

internal sealed class RequestPortalBookingValidator : AbstractValidator<RequestPortalBookingCommand>
{
    public RequestPortalBookingValidator()
    {
        RuleFor(x => x.IdempotencyKey).NotEmpty().WithMessage("The Idempotency-Key header is required: a unique value per request (a UUID), sent again when retrying.")
            .MaximumLength(BookingRules.IdempotencyKeyMaxLength).OverridePropertyName("Idempotency-Key");
        RuleFor(x => x.Body.JobTypeId).NotNull().WithMessage("jobTypeId is required.").OverridePropertyName("jobTypeId");
        RuleFor(x => x.Body.LocationId).NotNull().WithMessage("locationId is required.").OverridePropertyName("locationId");
        When(x => x.Body.WindowId is null, () => BookingRequestRules.AddWindowRules(this, x => x.Body.PreferredWindows));
        RuleFor(x => x.Body.PreferredWindows).Empty().When(x => x.Body.WindowId is not null)
            .WithMessage("Give preferredWindows for a request, or windowId for an appointment in that window, not both.").OverridePropertyName("preferredWindows");
        BookingRequestRules.AddDescriptionRule(this, x => x.Body.Description);
        BookingRequestRules.AddPhoneRule(this, x => x.Body.ContactPhone, "contactPhone", required: false);
    }
}

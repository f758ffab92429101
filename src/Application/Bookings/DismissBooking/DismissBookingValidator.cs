using FluentValidation;
using HeadlessPortal.Domain.Bookings;

namespace HeadlessPortal.Application.Bookings.DismissBooking;

internal sealed class DismissBookingValidator : AbstractValidator<DismissBookingCommand>
{
    public DismissBookingValidator() =>
        RuleFor(x => x.Body.Reason).NotEmpty().WithMessage("reason is required.").MaximumLength(BookingRules.DismissReasonMaxLength).OverridePropertyName("reason");
}

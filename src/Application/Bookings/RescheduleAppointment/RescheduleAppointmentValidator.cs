using FluentValidation;
using HeadlessPortal.Domain.Bookings;

namespace HeadlessPortal.Application.Bookings.RescheduleAppointment;

internal sealed class RescheduleAppointmentValidator : AbstractValidator<RescheduleAppointmentCommand>
{
    public RescheduleAppointmentValidator()
    {
        RuleFor(x => x.IdempotencyKey).NotEmpty().WithMessage("The Idempotency-Key header is required: a unique value per request (a UUID), sent again when retrying.")
            .MaximumLength(BookingRules.IdempotencyKeyMaxLength).OverridePropertyName("Idempotency-Key");
        RuleFor(x => x.Body.WindowId).NotNull().WithMessage("windowId is required.").OverridePropertyName("windowId");
    }
}

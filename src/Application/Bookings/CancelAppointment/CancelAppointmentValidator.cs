using FluentValidation;
using HeadlessPortal.Domain.Bookings;

namespace HeadlessPortal.Application.Bookings.CancelAppointment;

internal sealed class CancelAppointmentValidator : AbstractValidator<CancelAppointmentCommand>
{
    public CancelAppointmentValidator()
    {
        RuleFor(x => x.IdempotencyKey).NotEmpty().WithMessage("The Idempotency-Key header is required: a unique value per request (a UUID), sent again when retrying.")
            .MaximumLength(BookingRules.IdempotencyKeyMaxLength).OverridePropertyName("Idempotency-Key");
        RuleFor(x => x.Body.Reason).MaximumLength(BookingRules.CancelReasonMaxLength).OverridePropertyName("reason");
    }
}

using FluentValidation;
using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Application.Bookings.ScheduleBooking;

internal sealed class ScheduleBookingValidator : AbstractValidator<ScheduleBookingCommand>
{
    public ScheduleBookingValidator()
    {
        RuleFor(x => x.Body.JobId).NotEmpty().WithMessage("jobId is required: the back office's id of the job.").MaximumLength(Limits.ExternalIdMaxLength).OverridePropertyName("jobId");
        RuleFor(x => x.Body.AppointmentId).MaximumLength(Limits.ExternalIdMaxLength).OverridePropertyName("appointmentId");
    }
}

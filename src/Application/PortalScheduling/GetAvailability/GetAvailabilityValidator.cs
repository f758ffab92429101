using FluentValidation;

namespace HeadlessPortal.Application.PortalScheduling.GetAvailability;

internal sealed class GetAvailabilityValidator : AbstractValidator<GetAvailabilityQuery>
{
    public GetAvailabilityValidator()
    {
        RuleFor(x => x.JobTypeId).NotNull().WithMessage("jobTypeId is required.");
        RuleFor(x => x.LocationId).NotNull().WithMessage("locationId is required.");
        RuleFor(x => x.From).NotNull().When(x => x.To is not null).WithMessage("from is required with to.");
        RuleFor(x => x.To)
            .Must((q, to) => to!.Value >= q.From!.Value && to.Value.DayNumber - q.From.Value.DayNumber < GetAvailabilityQuery.MaxDays)
            .When(q => q.From is not null && q.To is not null)
            .WithMessage($"to is on or after from, at most {GetAvailabilityQuery.MaxDays} days in all.");
    }
}

using FluentValidation;
using HeadlessPortal.Application.Common.Validation;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Scheduling;

namespace HeadlessPortal.Application.Scheduling.UpdateBookingSettings;

internal sealed class UpdateBookingSettingsValidator : AbstractValidator<UpdateBookingSettingsCommand>
{
    public UpdateBookingSettingsValidator()
    {
        RuleFor(x => x.Settings.JobTypes).NotNull().WithMessage("jobTypes is required (it may be empty).")
            .MaxItems(BookingSettings.MaxJobTypes).WithMessage($"jobTypes lists at most {BookingSettings.MaxJobTypes} job types.")
            .Must(j => j is null || j.Where(i => i?.JobTypeId is not null).Select(i => i.JobTypeId).Distinct(StringComparer.Ordinal).Count() == j.Count(i => i?.JobTypeId is not null))
            .WithMessage("jobTypes lists each job type once.")
            .OverridePropertyName("jobTypes");
        RuleForEach(x => x.Settings.JobTypes).ChildRules(j =>
        {
            j.RuleFor(x => x.JobTypeId).NotEmpty().WithMessage("jobTypeId is required.").MaximumLength(Limits.ExternalIdMaxLength);
            j.RuleFor(x => x.BusinessUnitId).MaximumLength(Limits.ExternalIdMaxLength);
            j.RuleFor(x => x.DurationMinutes).NotNull().WithMessage("durationMinutes is required.")
                .InclusiveBetween(BookableJobType.MinDurationMinutes, BookableJobType.MaxDurationMinutes)
                .WithMessage($"durationMinutes is {BookableJobType.MinDurationMinutes} to {BookableJobType.MaxDurationMinutes}.");
            j.RuleFor(x => x.SelfSchedulable).Must((x, self) => self != true || x.Requestable != false)
                .WithMessage("A self-schedulable job type is requestable too: set requestable true (or leave it out).");
        }).OverridePropertyName("jobTypes");
        RuleFor(x => x.Settings.HorizonDays).InclusiveBetween(BookingSettings.MinHorizonDays, BookingSettings.MaxHorizonDays)
            .WithMessage($"horizonDays is {BookingSettings.MinHorizonDays} to {BookingSettings.MaxHorizonDays}.").OverridePropertyName("horizonDays");
        RuleFor(x => x.Settings.LeadTimeHours).InclusiveBetween(0, BookingSettings.MaxLeadTimeHours)
            .WithMessage($"leadTimeHours is 0 to {BookingSettings.MaxLeadTimeHours}.").OverridePropertyName("leadTimeHours");
        RuleFor(x => x.Settings.LeadTimeHours)
            .Must((x, lead) => (lead ?? BookingSettings.DefaultLeadTimeHours) < (x.Settings.HorizonDays ?? BookingSettings.DefaultHorizonDays) * 24)
            .When(x => x.Settings.HorizonDays is null or (>= BookingSettings.MinHorizonDays and <= BookingSettings.MaxHorizonDays))
            .WithMessage("leadTimeHours must be shorter than the horizon, or no window could ever be booked.").OverridePropertyName("leadTimeHours");
        RuleFor(x => x.Settings.ChangeCutOffHours).InclusiveBetween(0, BookingSettings.MaxChangeCutOffHours)
            .WithMessage($"changeCutOffHours is 0 to {BookingSettings.MaxChangeCutOffHours}.").OverridePropertyName("changeCutOffHours");
    }
}

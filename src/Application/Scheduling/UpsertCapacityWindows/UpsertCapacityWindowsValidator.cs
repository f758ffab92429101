using FluentValidation;
using HeadlessPortal.Application.Common.Validation;
using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Application.Scheduling.UpsertCapacityWindows;

internal sealed class UpsertCapacityWindowsValidator : AbstractValidator<UpsertCapacityWindowsCommand>
{
    public UpsertCapacityWindowsValidator()
    {
        RuleFor(x => x.Windows).NotEmpty().WithMessage("windows lists 1 or more windows.")
            .MaxItems(UpsertCapacityWindowsCommand.MaxWindows).WithMessage($"windows lists at most {UpsertCapacityWindowsCommand.MaxWindows} windows; send a larger schedule in several batches.")
            .Must(w => w is null || w.Where(i => i?.ExternalId is not null).Select(i => i.ExternalId).Distinct(StringComparer.Ordinal).Count() == w.Count(i => i?.ExternalId is not null))
            .WithMessage("windows names each externalId once.");
        RuleForEach(x => x.Windows).ChildRules(w =>
            w.RuleFor(x => x.ExternalId).NotEmpty().WithMessage("externalId is required.").MaximumLength(Limits.ExternalIdMaxLength));
    }
}

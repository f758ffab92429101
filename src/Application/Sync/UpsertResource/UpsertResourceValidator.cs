using FluentValidation;
using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Application.Sync.UpsertResource;

internal sealed class ExternalIdRules<T> : AbstractValidator<T>
{
    public ExternalIdRules(Func<T, string> externalId) =>
        RuleFor(x => externalId(x)).NotEmpty().MaximumLength(Limits.ExternalIdMaxLength)
            .OverridePropertyName("externalId")
            .WithMessage($"externalId has 1 to {Limits.ExternalIdMaxLength} characters.");
}

internal sealed class UpsertResourceValidator : AbstractValidator<UpsertResourceCommand>
{
    public UpsertResourceValidator() => Include(new ExternalIdRules<UpsertResourceCommand>(x => x.ExternalId));
}

using FluentValidation;
using FluentValidation.Validators;

namespace HeadlessPortal.Application.Common.Validation;

/// <summary>A list's item limit, readable from the validator's description (the OpenAPI document states it as maxItems).</summary>
public interface IMaxItemsValidator
{
    int Max { get; }
}

/// <summary>Fails when a list holds more than <see cref="Max"/> items; a missing list passes (NotNull says whether it may be missing).</summary>
internal sealed class MaxItemsValidator<T, TItem>(int max) : PropertyValidator<T, IReadOnlyList<TItem>?>, IMaxItemsValidator
{
    public int Max { get; } = max;

    public override string Name => "MaxItemsValidator";

    public override bool IsValid(ValidationContext<T> context, IReadOnlyList<TItem>? value) => value is null || value.Count <= Max;

    protected override string GetDefaultMessageTemplate(string errorCode) => "{PropertyName} holds at most {MaxItems} items.";
}

internal static class MaxItemsRule
{
    /// <summary>At most <paramref name="max"/> items.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> MaxItems<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule, int max) =>
        rule.SetValidator(new MaxItemsValidator<T, TItem>(max)).WithMessage($"At most {max} items.");
}

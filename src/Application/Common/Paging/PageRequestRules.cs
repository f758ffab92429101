using FluentValidation;

namespace HeadlessPortal.Application.Common.Paging;

/// <summary>Implemented by list queries so one set of rules validates every page request.</summary>
public interface IPageRequest
{
    int? Limit { get; }

    string? After { get; }
}

internal static class PageRequestRules
{
    public static void AddPageRules<T>(this AbstractValidator<T> validator)
        where T : IPageRequest
    {
        validator.RuleFor(x => x.Limit)
            .InclusiveBetween(1, PageLimits.Max)
            .When(x => x.Limit.HasValue)
            .WithMessage($"limit must be between 1 and {PageLimits.Max}.");
        validator.RuleFor(x => x.After)
            .Must(after => Cursor.TryDecode(after, out _))
            .When(x => x.After is not null)
            .WithMessage("after must be a nextCursor value returned by this list.");
    }
}

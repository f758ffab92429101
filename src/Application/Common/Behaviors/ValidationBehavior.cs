using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using Mediator;

namespace HeadlessPortal.Application.Common.Behaviors;

/// <summary>Runs every validator of the request and reports all failures together.</summary>
internal sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TMessage>(message), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new RequestValidationException(ValidationErrors.ByField(failures));
        }

        return await next(message, cancellationToken);
    }
}

internal static class ValidationErrors
{
    public static IReadOnlyDictionary<string, string[]> ByField(IEnumerable<FluentValidation.Results.ValidationFailure> failures) =>
        failures
            .GroupBy(f => CamelCasePath(f.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    /// <summary>"AccountSettings.LogoUrl" becomes "accountSettings.logoUrl", matching the JSON a client sent; header names (Idempotency-Key) stay as they are.</summary>
    public static string CamelCasePath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(segment =>
            segment.Length == 0 || char.IsLower(segment[0]) || segment.Contains('-', StringComparison.Ordinal) ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}

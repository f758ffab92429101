namespace HeadlessPortal.Application.Common.Errors;

/// <summary>A request failed validation; <see cref="Errors"/> holds every failure, keyed by camelCase field path.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

namespace HeadlessPortal.Application.Common.Errors;

/// <summary>What kind of expected failure a request ended with; the API maps each to one status code.</summary>
public enum ErrorKind
{
    NotFound,
    Conflict,
    Unprocessable,
    Forbidden,
    PreconditionFailed,
    Unauthorized,

    /// <summary>Too many attempts of something that is limited (HTTP 429).</summary>
    TooManyRequests,
}

/// <summary>An expected failure with a stable code clients can branch on.</summary>
public sealed record Error(ErrorKind Kind, string Code, string Message)
{
    /// <summary>Messages per field (camelCase path), when the failure is about particular fields.</summary>
    public IReadOnlyDictionary<string, string[]>? Fields { get; init; }

    /// <summary>For <see cref="ErrorKind.TooManyRequests"/>: how long until the request may succeed (the Retry-After header).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Error NotFound(string resource) =>
        new(ErrorKind.NotFound, "not_found", $"The {resource} was not found.");

    public static Error Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    public static Error Unprocessable(string code, string message) => new(ErrorKind.Unprocessable, code, message);
}

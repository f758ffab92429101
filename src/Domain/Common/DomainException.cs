namespace HeadlessPortal.Domain.Common;

/// <summary>How a broken business rule is reported to a caller.</summary>
public enum DomainErrorKind
{
    /// <summary>The request is valid but collides with the current state (HTTP 409).</summary>
    Conflict,

    /// <summary>The request is well formed but the rule forbids it (HTTP 422).</summary>
    Unprocessable,
}

/// <summary>A broken domain invariant, with a stable machine-readable code.</summary>
public sealed class DomainException(string code, string message, DomainErrorKind kind = DomainErrorKind.Unprocessable)
    : Exception(message)
{
    public string Code { get; } = code;

    public DomainErrorKind Kind { get; } = kind;
}

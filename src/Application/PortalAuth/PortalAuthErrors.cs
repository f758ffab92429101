using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Domain.Portal;

namespace HeadlessPortal.Application.PortalAuth;

/// <summary>Problem codes of the portal sign-in flows.</summary>
public static class PortalAuthErrors
{
    public static Error InvalidCredentials { get; } = new(ErrorKind.Unauthorized, "invalid_credentials",
        "The email or password is incorrect, or the account is locked for a while after too many attempts.");

    /// <summary>
    /// Wrong digits with a portal link. Same code as a failed password sign-in, so front ends handle both alike, but it
    /// speaks of what was asked; it says nothing of which numbers the customer has.
    /// </summary>
    public static Error WrongPhoneDigits { get; } = new(ErrorKind.Unauthorized, "invalid_credentials",
        "Those digits do not match a phone number on the customer's record. After five wrong tries the link is locked for an hour.");

    public static Error InvalidLink { get; } = new(ErrorKind.Unprocessable, "invalid_link",
        "This link is invalid, has expired or was already used; ask for a new one.");

    public static Error InvalidRefreshToken { get; } = new(ErrorKind.Unauthorized, "invalid_refresh_token",
        "The refresh token is invalid or expired, or its session has ended; sign in again.");

    public static Error RefreshTokenReused { get; } = new(ErrorKind.Unauthorized, "refresh_token_reused",
        "This refresh token was already used, so it may have been copied: the session is ended; sign in again.");

    public static Error PortalLinkLocked { get; } = new(ErrorKind.Forbidden, "portal_link_locked",
        "Too many wrong tries: this link is locked for an hour.");

    public static Error MethodDisabled(SignInMethod method) => new(ErrorKind.Forbidden, "sign_in_method_disabled",
        $"This portal does not offer the {char.ToLowerInvariant(method.ToString()[0]) + method.ToString()[1..]} sign-in method.");

    public static Error Password(string message) => new(ErrorKind.Unprocessable, "invalid_password", message)
    {
        Fields = new Dictionary<string, string[]> { ["password"] = [message] },
    };
}

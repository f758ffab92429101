namespace HeadlessPortal.Application.PortalAuth;

/// <summary>
/// NIST SP 800-63B's rules for memorized secrets: at least 8 and at most 128 characters, no composition rules,
/// and not one of the passwords attackers try first.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <summary>Null when the password is acceptable; otherwise why not.</summary>
    public static string? Check(string? password, ICommonPasswords common)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "password is required.";
        }

        // Characters as people count them: an emoji is one, not two UTF-16 units.
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
        {
            return $"password must be at least {MinLength} characters.";
        }

        if (length > MaxLength)
        {
            return $"password must be at most {MaxLength} characters.";
        }

        return common.Contains(password) ? "password is too common; choose one that is harder to guess." : null;
    }
}

namespace HeadlessPortal.Domain.Common;

/// <summary>ISO 4217 alphabetic currency codes, stored lowercase as payment providers expect.</summary>
public static class CurrencyCode
{
    public const int Length = 3;

    public static bool IsValid(string? value) =>
        value is { Length: Length } && value.All(char.IsAsciiLetter);

    public static string Normalize(string value)
    {
        if (!IsValid(value))
        {
            throw new DomainException("invalid_currency", "A currency is a three-letter ISO 4217 code such as \"usd\".");
        }

        return value.ToLowerInvariant();
    }
}

using System.Globalization;

namespace HeadlessPortal.Application.EmailTemplates;

/// <summary>Amounts as people read them in an email: $245.00 for dollars, 245.00 EUR for other currencies.</summary>
public static class MoneyText
{
    // Currencies without minor units (ISO 4217 exponent 0), as payment providers treat them.
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
    };

    /// <param name="amount">Minor units.</param>
    /// <param name="currency">ISO 4217 code, any case.</param>
    public static string Format(long amount, string currency)
    {
        var zeroDecimal = ZeroDecimal.Contains(currency);
        var value = zeroDecimal ? amount : amount / 100m;
        var number = value.ToString(zeroDecimal ? "N0" : "N2", CultureInfo.InvariantCulture);
        return string.Equals(currency, "usd", StringComparison.OrdinalIgnoreCase)
            ? (amount < 0 ? "-$" + number[1..] : "$" + number)
            : number + " " + currency.ToUpperInvariant();
    }

    /// <summary>A due date as an American reader expects it: December 14, 2026.</summary>
    public static string Date(DateOnly date) => date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}

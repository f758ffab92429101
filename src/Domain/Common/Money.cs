using System.Globalization;

namespace HeadlessPortal.Domain.Common;

/// <summary>An amount in minor units (cents) of an ISO 4217 currency, written lowercase ("usd").</summary>
public sealed record Money
{
    private Money(long amount, string currency)
    {
        Amount = amount;
        Currency = currency;
    }

    public long Amount { get; }

    public string Currency { get; }

    public static Money Of(long amount, string currency) => new(amount, CurrencyCode.Normalize(currency));

    public static Money Zero(string currency) => Of(0, currency);

    public bool IsPositive => Amount > 0;

    public bool IsNegative => Amount < 0;

    public Money Add(Money other)
    {
        EnsureSameCurrency(other);
        return new Money(checked(Amount + other.Amount), Currency);
    }

    public Money Subtract(Money other)
    {
        EnsureSameCurrency(other);
        return new Money(checked(Amount - other.Amount), Currency);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Amount} {Currency}");

    private void EnsureSameCurrency(Money other)
    {
        if (other.Currency != Currency)
        {
            throw new DomainException(
                "currency_mismatch",
                $"Cannot combine amounts in {Currency} and {other.Currency}.");
        }
    }
}

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

namespace HeadlessPortal.Domain.Common;

/// <summary>A postal address.</summary>
public sealed record Address
{
    public const int LineMaxLength = 200;
    public const int CityMaxLength = 100;
    public const int RegionMaxLength = 100;
    public const int PostalCodeMaxLength = 20;

    /// <summary>An ISO 3166-1 alpha-2 code.</summary>
    public const int CountryLength = 2;

    public Address(string line1, string? line2, string city, string? region, string? postalCode, string country)
    {
        Line1 = Guard.Required(line1, "Address line 1", LineMaxLength);
        Line2 = string.IsNullOrWhiteSpace(line2) ? null : Guard.Required(line2, "Address line 2", LineMaxLength);
        City = Guard.Required(city, "City", CityMaxLength);
        Region = string.IsNullOrWhiteSpace(region) ? null : Guard.Required(region, "Region", RegionMaxLength);
        PostalCode = string.IsNullOrWhiteSpace(postalCode) ? null : Guard.Required(postalCode, "Postal code", PostalCodeMaxLength);
        Country = country is { Length: 2 } && country.All(char.IsAsciiLetter)
            ? country.ToUpperInvariant()
            : throw new DomainException("invalid_country", "A country is a two-letter ISO 3166 code such as US.");
    }

    public string Line1 { get; }

    public string? Line2 { get; }

    public string City { get; }

    /// <summary>State or province.</summary>
    public string? Region { get; }

    public string? PostalCode { get; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; }
}

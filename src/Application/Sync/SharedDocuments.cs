using FluentValidation;
using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Application.Sync;

/// <summary>A postal address.</summary>
/// <param name="Line1">Street and number.</param>
/// <param name="Line2">Suite, unit.</param>
/// <param name="City">City.</param>
/// <param name="Region">State or province.</param>
/// <param name="PostalCode">ZIP or postal code.</param>
/// <param name="Country">ISO 3166-1 alpha-2, such as US.</param>
public sealed record AddressDocument(string Line1, string? Line2, string City, string? Region, string? PostalCode, string Country)
{
    public Address ToDomain() => new(Line1, Line2, City, Region, PostalCode, Country);

    public static AddressDocument? From(Address? address) =>
        address is null ? null : new(address.Line1, address.Line2, address.City, address.Region, address.PostalCode, address.Country);
}

internal sealed class AddressDocumentValidator : AbstractValidator<AddressDocument>
{
    public AddressDocumentValidator()
    {
        RuleFor(x => x.Line1).NotEmpty().MaximumLength(Address.LineMaxLength);
        RuleFor(x => x.Line2).MaximumLength(Address.LineMaxLength);
        RuleFor(x => x.City).NotEmpty().MaximumLength(Address.CityMaxLength);
        RuleFor(x => x.Region).MaximumLength(Address.RegionMaxLength);
        RuleFor(x => x.PostalCode).MaximumLength(Address.PostalCodeMaxLength);
        RuleFor(x => x.Country).NotEmpty().Matches("^[A-Za-z]{2}$").WithMessage("country is a two-letter ISO 3166 code such as US.");
    }
}

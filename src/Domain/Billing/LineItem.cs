using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Domain.Billing;

/// <summary>A billed line: quantity times unit price, in minor units. Discounts are lines with a negative price.</summary>
public sealed record LineItem(string Description, decimal Quantity, long UnitPrice, long Amount)
{
    public const int DescriptionMaxLength = 1000;

    /// <summary>Rule: a line's amount is its quantity times its unit price, rounded to the minor unit.</summary>
    public LineItem Validated()
    {
        Guard.Required(Description, "Line description", DescriptionMaxLength);
        if (Quantity <= 0)
        {
            throw new DomainException("invalid_line", "A line's quantity is above zero.");
        }

        if (decimal.Round(Quantity * UnitPrice, MidpointRounding.AwayFromZero) != Amount)
        {
            throw new DomainException("line_amount_mismatch", $"\"{Description}\": amount {Amount} is not quantity {Quantity} times unit price {UnitPrice}.");
        }

        return this;
    }

    public static long Sum(IEnumerable<LineItem> lines) => lines.Aggregate(0L, (total, line) => checked(total + line.Amount));
}

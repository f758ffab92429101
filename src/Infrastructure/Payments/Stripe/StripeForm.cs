using System.Globalization;

namespace HeadlessPortal.Infrastructure.Payments.Stripe;

/// <summary>
/// A form-encoded request body in Stripe's nested syntax: <c>metadata[payment_id]=...</c> for hashes,
/// <c>payment_method_types[]=card</c> for lists, <c>mandate_data[customer_acceptance][online][ip_address]=...</c> for
/// nested objects. Fields keep the order they were added in.
/// </summary>
internal sealed class StripeForm
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>Adds a field; a null value is left out (Stripe then applies its default).</summary>
    public StripeForm Add(string key, string? value)
    {
        if (value is not null)
        {
            _fields.Add(new(key, value));
        }

        return this;
    }

    public StripeForm Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public StripeForm Add(string key, bool value) => Add(key, value ? "true" : "false");

    /// <summary>A list: <c>key[]=a&amp;key[]=b</c>.</summary>
    public StripeForm AddList(string key, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(key + "[]", value);
        }

        return this;
    }

    /// <summary>A hash of strings such as metadata: <c>key[name]=value</c>, in ordinal key order.</summary>
    public StripeForm AddHash(string key, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (name.Length == 0 || name.AsSpan().IndexOfAny('[', ']') >= 0)
            {
                throw new ArgumentException($"A {key} key must be non-empty and without square brackets; '{name}' is not.", nameof(values));
            }

            Add($"{key}[{name}]", value);
        }

        return this;
    }

    public HttpContent ToContent() => new FormUrlEncodedContent(_fields);
}

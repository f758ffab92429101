using System.Text;

namespace HeadlessPortal.Domain.Tenants;

/// <summary>A stable, URL-safe identifier derived from a tenant's name; unlike the host name it never changes.</summary>
public static class Slug
{
    public const int MaxLength = 63;

    public static string FromName(string name)
    {
        var builder = new StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(c);
                pendingHyphen = false;
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                pendingHyphen = true;
            }
        }

        var slug = builder.Length == 0 ? "tenant" : builder.ToString();
        return slug.Length <= MaxLength ? slug : slug[..MaxLength].TrimEnd('-');
    }

    /// <summary>The n-th alternative when a slug is taken: "acme", "acme-2", "acme-3", ...</summary>
    public static string WithSuffix(string slug, int n)
    {
        if (n <= 1)
        {
            return slug;
        }

        var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var head = slug.Length + suffix.Length <= MaxLength ? slug : slug[..(MaxLength - suffix.Length)].TrimEnd('-');
        return head + suffix;
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace HeadlessPortal.Application.EmailTemplates;

/// <summary>A template rewritten into the Handlebars we compile, or what is wrong with it.</summary>
/// <param name="Source">Every placeholder as {{Name}} with its catalog spelling; blocks kept, comments dropped.</param>
/// <param name="Errors">One message per problem, for the admin; empty when the template can be compiled.</param>
/// <param name="Used">The placeholders the template uses.</param>
internal sealed record TranslatedTemplate(string Source, IReadOnlyList<string> Errors, IReadOnlySet<string> Used);

/// <summary>
/// Reads what admins write. They know the settings screen's single-brace style ({CustomerPortalLink}) and may
/// know Handlebars ({{Name}}, {{{Name}}}); both are accepted, names in any letter case. Besides placeholders,
/// only {{#if Name}} / {{#unless Name}} ... {{else}} ... {{/if}} blocks and {{! comments }} are allowed: no
/// helpers or partials, so a template can do nothing but show the values it is given.
/// </summary>
/// <remarks>
/// Every placeholder comes out as a double-brace expression, a triple-stash included: values are plain text,
/// never markup, so the HTML body escapes all of them. Single braces around anything but a bare name (CSS rules,
/// say) are left alone.
/// </remarks>
internal static partial class TemplateSyntax
{
    private const string Guide = "Write placeholders as {Name} or {{Name}}; besides them only {{#if Name}}...{{else}}...{{/if}}, {{#unless Name}}...{{/unless}} and {{! comments }} are allowed.";

    public static TranslatedTemplate Translate(string source, IReadOnlyList<string> allowed, string emailName)
    {
        var names = allowed.ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);
        var offered = string.Join(", ", allowed.Select(n => "{" + n + "}"));
        var output = new StringBuilder(source.Length + 32);
        var errors = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var blocks = new Stack<string>();

        string? Known(string name, string written)
        {
            if (names.TryGetValue(name, out var canonical))
            {
                used.Add(canonical);
                return canonical;
            }

            Add(errors, $"Unknown placeholder {written}. The {emailName} email offers {offered}.");
            return null;
        }

        var i = 0;
        while (i < source.Length)
        {
            if (source[i] == '\\' && At(source, i + 1, "{{"))
            {
                // Handlebars prints an escaped mustache as it is; nothing in it is a placeholder.
                var escapedEnd = source.IndexOf("}}", i + 3, StringComparison.Ordinal);
                var end = escapedEnd < 0 ? source.Length : escapedEnd + 2;
                output.Append(source, i, end - i);
                i = end;
                continue;
            }

            if (At(source, i, "{{!"))
            {
                var closing = At(source, i, "{{!--") ? "--}}" : "}}";
                var commentEnd = source.IndexOf(closing, i + 3, StringComparison.Ordinal);
                if (commentEnd < 0)
                {
                    Add(errors, $"A comment opened with {source.Substring(i, closing.Length == 4 ? 5 : 3)} is never closed with {closing}.");
                    break;
                }

                i = commentEnd + closing.Length;
                continue;
            }

            if (At(source, i, "{{"))
            {
                var triple = At(source, i, "{{{");
                var opening = triple ? "{{{" : "{{";
                var closing = triple ? "}}}" : "}}";
                var close = source.IndexOf(closing, i + opening.Length, StringComparison.Ordinal);
                if (close < 0)
                {
                    Add(errors, $"\"{Excerpt(source, i)}\" is never closed with {closing}.");
                    break;
                }

                var written = source[i..(close + closing.Length)];
                var inner = source[(i + opening.Length)..close];
                var trimLeft = inner.StartsWith('~') ? "~" : string.Empty;
                var trimRight = inner.EndsWith('~') && inner.Length > trimLeft.Length ? "~" : string.Empty;
                var expression = inner[trimLeft.Length..(inner.Length - trimRight.Length)].Trim();
                i = close + closing.Length;

                if (expression != "else" && Identifier().IsMatch(expression))
                {
                    if (Known(expression, written) is { } name)
                    {
                        output.Append("{{").Append(trimLeft).Append(name).Append(trimRight).Append("}}");
                    }

                    continue;
                }

                var block = Block().Match(expression);
                if (triple || (!block.Success && expression != "else"))
                {
                    Add(errors, $"{written} is not a placeholder. {Guide}");
                    continue;
                }

                if (expression == "else")
                {
                    if (blocks.Count == 0)
                    {
                        Add(errors, $"{written} is outside any {{{{#if}}}} or {{{{#unless}}}} block.");
                    }

                    output.Append("{{").Append(trimLeft).Append("else").Append(trimRight).Append("}}");
                    continue;
                }

                var helper = block.Groups["helper"].Value;
                if (block.Groups["open"].Value == "#")
                {
                    blocks.Push(helper);
                    if (!block.Groups["name"].Success)
                    {
                        Add(errors, $"{written} needs a placeholder to test, such as {{{{#{helper} {allowed[0]}}}}}.");
                        continue;
                    }

                    if (Known(block.Groups["name"].Value, written) is { } tested)
                    {
                        output.Append("{{").Append(trimLeft).Append('#').Append(helper).Append(' ').Append(tested).Append(trimRight).Append("}}");
                    }

                    continue;
                }

                if (block.Groups["name"].Success)
                {
                    Add(errors, $"{written} closes a block by its helper alone: write {{{{/{helper}}}}}.");
                    continue;
                }

                if (blocks.Count == 0 || blocks.Peek() != helper)
                {
                    Add(errors, blocks.Count == 0
                        ? $"{written} closes a block that was never opened."
                        : $"{written} cannot close {{{{#{blocks.Peek()}}}}}: close it with {{{{/{blocks.Peek()}}}}}.");
                    continue;
                }

                blocks.Pop();
                output.Append("{{").Append(trimLeft).Append('/').Append(helper).Append(trimRight).Append("}}");
                continue;
            }

            if (source[i] == '{' && SingleBrace().Match(source, i) is { Success: true } single)
            {
                if (Known(single.Groups["name"].Value, single.Value) is { } name)
                {
                    output.Append("{{").Append(name).Append("}}");
                }

                i += single.Length;
                continue;
            }

            output.Append(source[i]);
            i++;
        }

        foreach (var open in blocks)
        {
            Add(errors, $"A {{{{#{open}}}}} block is never closed with {{{{/{open}}}}}.");
        }

        return new TranslatedTemplate(output.ToString(), errors, used);
    }

    private static bool At(string source, int index, string token) =>
        index + token.Length <= source.Length && string.CompareOrdinal(source, index, token, 0, token.Length) == 0;

    private static string Excerpt(string source, int index) =>
        source.Length - index <= 30 ? source[index..] : source.Substring(index, 30) + "...";

    private static void Add(List<string> errors, string message)
    {
        if (!errors.Contains(message))
        {
            errors.Add(message);
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^(?<open>[#/])(?<helper>if|unless)(?:\s+(?<name>[A-Za-z_][A-Za-z0-9_]*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Block();

    [GeneratedRegex(@"\G\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex SingleBrace();
}

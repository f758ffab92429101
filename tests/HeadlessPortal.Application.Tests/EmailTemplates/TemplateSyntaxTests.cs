using HeadlessPortal.Application.EmailTemplates;

namespace HeadlessPortal.Application.Tests.EmailTemplates;

public sealed class TemplateSyntaxTests
{
    private static readonly string[] Allowed = ["CustomerName", "InvitationLink", "CompanyName"];

    private static TranslatedTemplate Translate(string source) => TemplateSyntax.Translate(source, Allowed, "invitation");

    [Theory]
    [InlineData("Hi {CustomerName}!", "Hi {{CustomerName}}!")]
    [InlineData("Hi {{CustomerName}}!", "Hi {{CustomerName}}!")]
    [InlineData("Hi {{ CustomerName }}!", "Hi {{CustomerName}}!")]
    [InlineData("Hi {{{CustomerName}}}!", "Hi {{CustomerName}}!")]
    [InlineData("Hi {customername} from {COMPANYNAME}", "Hi {{CustomerName}} from {{CompanyName}}")]
    [InlineData("{{~CustomerName~}}", "{{~CustomerName~}}")]
    public void Translate_WhenPlaceholdersInAnyStyle_WritesEachAsDoubleBraceWithTheCatalogSpelling(string source, string expected)
    {
        var translated = Translate(source);

        Assert.Empty(translated.Errors);
        Assert.Equal(expected, translated.Source);
        Assert.Contains("CustomerName", translated.Used);
    }

    [Fact]
    public void Translate_LeavesCssRulesAndLoneBracesAlone()
    {
        const string source = "<style>p{margin:0} .x { color: red }</style>{ } {1} {Customer Name}";

        var translated = Translate(source);

        Assert.Empty(translated.Errors);
        Assert.Equal(source, translated.Source);
        Assert.Empty(translated.Used);
    }

    [Fact]
    public void Translate_KeepsIfUnlessElseBlocksAndDropsComments()
    {
        var translated = Translate("{{! note }}{{!-- {{Nope}} --}}{{#if CustomerName}}Hi {CustomerName}{{else}}Hello{{/if}}{{#unless CompanyName}}x{{/unless}}");

        Assert.Empty(translated.Errors);
        Assert.Equal("{{#if CustomerName}}Hi {{CustomerName}}{{else}}Hello{{/if}}{{#unless CompanyName}}x{{/unless}}", translated.Source);
    }

    [Fact]
    public void Translate_KeepsAnEscapedMustacheAsItIs()
    {
        var translated = Translate(@"\{{NotAPlaceholder}} and {CustomerName}");

        Assert.Empty(translated.Errors);
        Assert.Equal(@"\{{NotAPlaceholder}} and {{CustomerName}}", translated.Source);
    }

    [Theory]
    [InlineData("Hi {CustomerNmae}", "{CustomerNmae}")]
    [InlineData("Hi {{InvoiceNumber}}", "{{InvoiceNumber}}")]
    [InlineData("Hi {{{Balance}}}", "{{{Balance}}}")]
    [InlineData("{{#if Ghost}}x{{/if}}", "{{#if Ghost}}")]
    public void Translate_WhenAPlaceholderIsUnknown_NamesItAndListsTheOnesOffered(string source, string written)
    {
        var error = Assert.Single(Translate(source).Errors);

        Assert.Contains($"Unknown placeholder {written}", error, StringComparison.Ordinal);
        Assert.Contains("The invitation email offers {CustomerName}, {InvitationLink}, {CompanyName}.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_WhenTheSameUnknownPlaceholderRepeats_ReportsItOnce() =>
        Assert.Single(Translate("{Ghost} {Ghost} {Ghost}").Errors);

    [Theory]
    [InlineData("{{> footer}}")]
    [InlineData("{{#each CustomerName}}x{{/each}}")]
    [InlineData("{{lookup CustomerName 0}}")]
    [InlineData("{{CustomerName.Length}}")]
    [InlineData("{{{#if CustomerName}}}")]
    public void Translate_WhenAnExpressionIsNotAPlaceholderOrIfBlock_RejectsIt(string source) =>
        Assert.Contains(Translate(source).Errors, e => e.Contains("is not a placeholder", StringComparison.Ordinal));

    [Theory]
    [InlineData("{{#if CustomerName}}x", "never closed with {{/if}}")]
    [InlineData("x{{/if}}", "closes a block that was never opened")]
    [InlineData("{{#if CustomerName}}x{{/unless}}", "cannot close {{#if}}")]
    [InlineData("{{else}}", "outside any")]
    [InlineData("Hi {{CustomerName", "never closed with }}")]
    [InlineData("{{!-- note", "never closed with --}}")]
    [InlineData("{{#if}}x{{/if}}", "needs a placeholder to test")]
    public void Translate_WhenBlocksOrBracesAreUnbalanced_SaysWhat(string source, string message) =>
        Assert.Contains(Translate(source).Errors, e => e.Contains(message, StringComparison.Ordinal));
}

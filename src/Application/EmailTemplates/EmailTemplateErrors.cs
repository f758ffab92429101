using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Messaging;

namespace HeadlessPortal.Application.EmailTemplates;

internal static class EmailTemplateErrors
{
    public const string InvalidTemplate = "invalid_template";

    public static Error Stale { get; } = new(ErrorKind.PreconditionFailed, "precondition_failed",
        "The template changed since you read it (the If-Match ETag is stale). GET it again and reapply your change.");

    public static Error Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        new Error(ErrorKind.Unprocessable, InvalidTemplate, "The template cannot be used: " + string.Join(" ", fields.SelectMany(f => f.Value))) { Fields = fields };

    /// <summary>The audit target of a template.</summary>
    public static string Target(EmailTemplateKind kind) => "email-template:" + EmailTemplateCatalog.Key(kind);
}

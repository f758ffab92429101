using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Errors;
using Mediator;
using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.EmailTemplates.GetEmailTemplate;
using HeadlessPortal.Application.EmailTemplates.ListEmailTemplates;
using HeadlessPortal.Application.EmailTemplates.PreviewEmailTemplate;
using HeadlessPortal.Application.EmailTemplates.ResetEmailTemplate;
using HeadlessPortal.Application.EmailTemplates.UpdateEmailTemplate;
using HeadlessPortal.Domain.ApiClients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>
/// Email templates (Settings -> Customer Portal): the emails customers receive, each with a default the
/// tenant may replace. Kinds in URLs are invitation, magicLink, passwordReset and invoice.
/// </summary>
public static class AdminEmailTemplateEndpoints
{
    private const string Placeholders =
        "Placeholders are written {Name} (or Handlebars {{Name}}); each kind lists the ones it offers, and every email has CompanyName, PortalUrl, " +
        "RecipientEmail, LogoUrl and PrimaryColor. {{#if Name}}...{{else}}...{{/if}} and {{#unless Name}} blocks are allowed; nothing else.";

    public static IEndpointRouteBuilder MapAdminEmailTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/admin/email-templates").WithTags("Admin: email templates")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);

        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListEmailTemplatesQuery(), ct)))
            .WithName("ListEmailTemplates").WithSummary("List email templates")
            .WithDescription("Every email the portal sends (invitation, magicLink, passwordReset, invoice): the tenant's own template where it has one " +
                "(customized: true), the default otherwise, with the placeholders each may use; one complete page (hasMore false).")
            .RequireScope(Scopes.SettingsRead);

        group.MapGet("/{kind}", Get)
            .WithName("GetEmailTemplate").WithSummary("Get an email template")
            .WithDescription("The tenant's template of this kind, or the default. The ETag header is what PUT and DELETE send back in If-Match. An unknown kind is 404.")
            .RequireScope(Scopes.SettingsRead)
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPut("/{kind}", Put)
            .WithName("UpdateEmailTemplate").WithSummary("Replace an email template")
            .WithDescription("Saves the tenant's own subject, HTML body and text body for this kind, with If-Match set to the ETag from GET (412 when stale, 428 when missing). " +
                Placeholders + " Values are HTML-escaped in the HTML body (links stay usable in href) and inserted as they are in the subject and text. " +
                "Both bodies must include the kind's link (InvitationLink, MagicLink, ResetLink or CustomerPortalLink). An unknown placeholder or a template that does not " +
                "compile is 422 invalid_template with errors per field (subject, html, text). The HTML body is put inside the branded layout when the email is sent.")
            .RequireScope(Scopes.SettingsWrite)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status428PreconditionRequired);

        group.MapDelete("/{kind}", Delete)
            .WithName("ResetEmailTemplate").WithSummary("Go back to the default email template")
            .WithDescription("Removes the tenant's own template of this kind; the default is used from now on. 204 whether or not there was one. " +
                "If-Match is optional; when sent, it must be the current ETag (412 otherwise).")
            .RequireScope(Scopes.SettingsWrite)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);

        group.MapPost("/{kind}/preview", Preview)
            .WithName("PreviewEmailTemplate").WithSummary("Preview an email")
            .WithDescription("Renders the email as a customer would receive it, with sample values (links point into the tenant's portal) and the tenant's " +
                "effective branding: logo or company name, primary color, footer. Without a body (or with an empty one) the template in use is rendered; " +
                "fields given in the body form an unsaved draft, the others coming from the template in use. A draft that cannot be used is 422 invalid_template.")
            .RequireScope(Scopes.SettingsRead)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <param name="kind">invitation, magicLink, passwordReset or invoice.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="http">For the ETag header.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<EmailTemplateDto>, ProblemHttpResult>> Get(string kind, ISender sender, HttpContext http, CancellationToken ct)
    {
        if (!EmailTemplateCatalog.TryParse(kind, out var parsed))
        {
            return UnknownKind(kind);
        }

        return WithETag(http, await sender.Send(new GetEmailTemplateQuery(parsed), ct));
    }

    /// <param name="kind">invitation, magicLink, passwordReset or invoice.</param>
    /// <param name="template">Subject, HTML body and text body.</param>
    /// <param name="ifMatch">The ETag from GET.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="http">For the ETag header.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<EmailTemplateDto>, ProblemHttpResult>> Put(
        string kind, [FromBody] EmailTemplateInput template, [FromHeader(Name = "If-Match")] string? ifMatch, ISender sender, HttpContext http, CancellationToken ct)
    {
        if (!EmailTemplateCatalog.TryParse(kind, out var parsed))
        {
            return UnknownKind(kind);
        }

        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return new Error(ErrorKind.PreconditionFailed, "precondition_required",
                $"Send If-Match with the ETag of the template you read (GET /v1/admin/email-templates/{EmailTemplateCatalog.Key(parsed)}).")
                .ToProblem(StatusCodes.Status428PreconditionRequired);
        }

        var result = await sender.Send(template.ToCommand(parsed, ifMatch), ct);
        return result.IsSuccess ? WithETag(http, result.Value) : result.Error!.ToProblem();
    }

    /// <param name="kind">invitation, magicLink, passwordReset or invoice.</param>
    /// <param name="ifMatch">Optional: the ETag from GET.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string kind, [FromHeader(Name = "If-Match")] string? ifMatch, ISender sender, CancellationToken ct)
    {
        if (!EmailTemplateCatalog.TryParse(kind, out var parsed))
        {
            return UnknownKind(kind);
        }

        var result = await sender.Send(new ResetEmailTemplateCommand(parsed, string.IsNullOrWhiteSpace(ifMatch) ? null : ifMatch), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    /// <param name="kind">invitation, magicLink, passwordReset or invoice.</param>
    /// <param name="draft">Optional unsaved changes to preview.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<EmailPreviewDto>, ProblemHttpResult>> Preview(
        string kind, [FromBody] EmailTemplateDraft? draft, ISender sender, CancellationToken ct)
    {
        if (!EmailTemplateCatalog.TryParse(kind, out var parsed))
        {
            return UnknownKind(kind);
        }

        var query = (draft ?? new EmailTemplateDraft(null, null, null)).ToQuery(parsed);
        return (await sender.Send(query, ct)).ToOk();
    }

    private static Results<Ok<EmailTemplateDto>, ProblemHttpResult> WithETag(HttpContext http, EmailTemplateDto template)
    {
        http.Response.Headers.ETag = template.ETag();
        return TypedResults.Ok(template);
    }

    private static ProblemHttpResult UnknownKind(string kind) =>
        new Error(ErrorKind.NotFound, "not_found", $"There is no email template \"{kind}\"; the kinds are {EmailTemplateCatalog.KindList()}.").ToProblem();
}

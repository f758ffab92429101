using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.PortalSettings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.EmailTemplates.PreviewEmailTemplate;

/// <summary>
/// Renders an email with sample values and the tenant's branding: a draft when any of its fields is given (the
/// others come from the template in use), otherwise the template in use. Nothing is saved.
/// </summary>
public sealed record PreviewEmailTemplateQuery(EmailTemplateKind Kind, string? Subject, string? Html, string? Text) : IQuery<Result<EmailPreviewDto>>;

/// <summary>An unsaved draft to preview; every field is optional and a missing one is taken from the template in use.</summary>
/// <param name="Subject">A draft subject.</param>
/// <param name="Html">A draft HTML body.</param>
/// <param name="Text">A draft plain-text body.</param>
public sealed record EmailTemplateDraft(string? Subject, string? Html, string? Text)
{
    public PreviewEmailTemplateQuery ToQuery(EmailTemplateKind kind) => new(kind, Subject, Html, Text);
}

internal sealed class PreviewEmailTemplateHandler(
    IAppDbContext db,
    ICurrentTenant currentTenant,
    IClock clock,
    IOptions<PortalOptions> options,
    EmailTemplateRenderer renderer,
    ILogger<PreviewEmailTemplateHandler> logger) : IQueryHandler<PreviewEmailTemplateQuery, Result<EmailPreviewDto>>
{
    public async ValueTask<Result<EmailPreviewDto>> Handle(PreviewEmailTemplateQuery request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        var context = await db.LoadEmailContextAsync(tenantId, clock.UtcNow, options.Value, cancellationToken);
        if (context is null)
        {
            return Error.NotFound("tenant");
        }

        CompiledEmailTemplate template;
        if (request.Subject is null && request.Html is null && request.Text is null)
        {
            template = await db.CompiledAsync(renderer, tenantId, request.Kind, logger, cancellationToken);
        }
        else
        {
            var key = EmailTemplateCatalog.Key(request.Kind);
            var saved = await db.EmailTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.TenantId == tenantId && t.Kind == key, cancellationToken);
            var current = EmailTemplateDto.From(request.Kind, saved);
            var compilation = renderer.Compile(request.Kind, new EmailTemplateContent(
                request.Subject ?? current.Subject, request.Html ?? current.Html, request.Text ?? current.Text));
            if (!compilation.IsValid)
            {
                return EmailTemplateErrors.Invalid(compilation.Errors);
            }

            template = compilation.Template!;
        }

        var samples = EmailTemplateCatalog.SampleValues(request.Kind, context.Brand.PortalUrl, context.Currency, options.Value.Links);
        var email = renderer.Render(template, context.Brand, EmailTemplateCatalog.SampleRecipient, samples);
        return new EmailPreviewDto(request.Kind, email.To, email.FromName, email.Subject, email.Html, email.Text, samples);
    }
}

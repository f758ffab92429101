using System.ComponentModel.DataAnnotations;
using Mediator;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.EmailTemplates.UpdateEmailTemplate;

/// <summary>Replaces an email template when <paramref name="IfMatch"/> still names the current one.</summary>
public sealed record UpdateEmailTemplateCommand(EmailTemplateKind Kind, string IfMatch, string? Subject, string? Html, string? Text)
    : ITransactionalCommand<Result<EmailTemplateDto>>;

/// <summary>A tenant's version of an email. Every field is required.</summary>
/// <param name="Subject">One line, up to 200 characters.</param>
/// <param name="Html">The HTML body, up to 100,000 characters; it must include the kind's link placeholder. The branded layout is added around it.</param>
/// <param name="Text">The plain-text body, up to 20,000 characters; it must include the kind's link placeholder.</param>
public sealed record EmailTemplateInput([property: Required] string? Subject, [property: Required] string? Html, [property: Required] string? Text)
{
    public UpdateEmailTemplateCommand ToCommand(EmailTemplateKind kind, string ifMatch) => new(kind, ifMatch, Subject, Html, Text);
}

internal sealed class UpdateEmailTemplateHandler(IAppDbContext db, ICurrentTenant currentTenant, IClock clock, IAuditLog audit, EmailTemplateRenderer renderer)
    : ICommandHandler<UpdateEmailTemplateCommand, Result<EmailTemplateDto>>
{
    public async ValueTask<Result<EmailTemplateDto>> Handle(UpdateEmailTemplateCommand request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        var existing = await db.FindAsync(tenantId, request.Kind, cancellationToken);
        var before = EmailTemplateDto.From(request.Kind, existing);
        if (!before.IsMatchedBy(request.IfMatch))
        {
            return EmailTemplateErrors.Stale;
        }

        var compilation = renderer.Compile(request.Kind, new EmailTemplateContent(request.Subject!, request.Html!, request.Text!));
        if (!compilation.IsValid)
        {
            return EmailTemplateErrors.Invalid(compilation.Errors);
        }

        var template = existing ?? EmailTemplate.Create(tenantId, EmailTemplateCatalog.Key(request.Kind), request.Subject!, request.Html!, request.Text!, clock.UtcNow);
        var changed = existing is null || existing.Update(request.Subject!, request.Html!, request.Text!, clock.UtcNow);
        if (existing is null)
        {
            db.EmailTemplates.Add(template);
        }

        var after = EmailTemplateDto.From(request.Kind, template);
        if (changed)
        {
            audit.Record(tenantId, "email_template.updated", EmailTemplateErrors.Target(request.Kind), EmailTemplateAuditView.From(before), EmailTemplateAuditView.From(after));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || (ex is UniqueConstraintViolationException unique && unique.Covers<EmailTemplate>(nameof(EmailTemplate.Kind))))
        {
            // Another admin saved first: both passed the If-Match check, the database let one win.
            return EmailTemplateErrors.Stale;
        }

        return after;
    }
}

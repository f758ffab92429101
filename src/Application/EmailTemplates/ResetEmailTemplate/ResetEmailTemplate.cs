using Mediator;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.EmailTemplates.ResetEmailTemplate;

/// <summary>
/// Removes the tenant's own template of a kind, so the default is used again; answers whether there was one.
/// With <paramref name="IfMatch"/>, only when it still names the current template.
/// </summary>
public sealed record ResetEmailTemplateCommand(EmailTemplateKind Kind, string? IfMatch) : ITransactionalCommand<Result<bool>>;

internal sealed class ResetEmailTemplateHandler(IAppDbContext db, ICurrentTenant currentTenant, IAuditLog audit) : ICommandHandler<ResetEmailTemplateCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(ResetEmailTemplateCommand request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        var existing = await db.FindAsync(tenantId, request.Kind, cancellationToken);
        var before = EmailTemplateDto.From(request.Kind, existing);
        if (request.IfMatch is not null && !before.IsMatchedBy(request.IfMatch))
        {
            return EmailTemplateErrors.Stale;
        }

        if (existing is null)
        {
            return false;
        }

        db.EmailTemplates.Remove(existing);
        audit.Record(tenantId, "email_template.reset", EmailTemplateErrors.Target(request.Kind),
            EmailTemplateAuditView.From(before), EmailTemplateAuditView.From(EmailTemplateDto.Default(request.Kind)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EmailTemplateErrors.Stale;
        }

        return true;
    }
}

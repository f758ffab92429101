using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.Domain.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.TextTemplates.ResetTextTemplate;

/// <summary>Goes back to the default wording of a milestone's text.</summary>
public sealed record ResetTextTemplateCommand(string Milestone) : ITransactionalCommand<Result<bool>>;

internal sealed class ResetTextTemplateHandler(IAppDbContext db, ICurrentTenant tenant, IAuditLog audit) : ICommandHandler<ResetTextTemplateCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(ResetTextTemplateCommand request, CancellationToken cancellationToken)
    {
        if (!TextMilestones.All.Contains(request.Milestone))
        {
            return TextTemplateErrors.UnknownMilestone(request.Milestone);
        }

        var template = await db.Set<TextTemplate>().SingleOrDefaultAsync(t => t.Milestone == request.Milestone, cancellationToken);
        if (template is null)
        {
            return false;
        }

        db.Set<TextTemplate>().Remove(template);
        audit.Record(tenant.Required(), "text_template.reset", $"text-template:{request.Milestone}", new { body = template.Body }, null);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

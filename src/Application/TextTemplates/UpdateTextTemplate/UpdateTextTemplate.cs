using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.Domain.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.TextTemplates.UpdateTextTemplate;

/// <summary>Saves the tenant's own wording of a milestone's text.</summary>
public sealed record UpdateTextTemplateCommand(string Milestone, string Body) : ITransactionalCommand<Result<TextTemplateDto>>;

internal sealed class UpdateTextTemplateHandler(IAppDbContext db, ICurrentTenant tenant, IClock clock, IAuditLog audit)
    : ICommandHandler<UpdateTextTemplateCommand, Result<TextTemplateDto>>
{
    public async ValueTask<Result<TextTemplateDto>> Handle(UpdateTextTemplateCommand request, CancellationToken cancellationToken)
    {
        if (!TextMilestones.All.Contains(request.Milestone))
        {
            return TextTemplateErrors.UnknownMilestone(request.Milestone);
        }

        var tenantId = tenant.Required();
        var now = clock.UtcNow;
        var body = request.Body.Trim();
        var template = await db.Set<TextTemplate>().SingleOrDefaultAsync(t => t.Milestone == request.Milestone, cancellationToken);
        var before = template?.Body ?? TextMilestones.DefaultBody(request.Milestone);
        if (template is null)
        {
            template = TextTemplate.Create(tenantId, request.Milestone, body, now);
            db.Set<TextTemplate>().Add(template);
        }
        else
        {
            template.Update(body, now);
        }

        audit.Record(tenantId, "text_template.updated", $"text-template:{request.Milestone}", new { body = before }, new { body });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is UniqueConstraintViolationException or DbUpdateConcurrencyException)
        {
            return Error.Conflict("text_template_changed", "The template was changed at the same time; read it again and retry.");
        }

        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        return new TextTemplateDto(request.Milestone, body, true, TextMilestones.Placeholders(request.Milestone), TextMilestones.IsOn(settings.Sms, request.Milestone));
    }
}

using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.Domain.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.TextTemplates.ListTextTemplates;

/// <summary>Every milestone's text template, the tenant's own or the default, in the order of a job's life.</summary>
public sealed record ListTextTemplatesQuery : IQuery<CursorPage<TextTemplateDto>>;

internal sealed class ListTextTemplatesHandler(IAppDbContext db, ICurrentTenant tenant, IClock clock) : IQueryHandler<ListTextTemplatesQuery, CursorPage<TextTemplateDto>>
{
    public async ValueTask<CursorPage<TextTemplateDto>> Handle(ListTextTemplatesQuery request, CancellationToken cancellationToken)
    {
        var own = await db.Set<TextTemplate>().AsNoTracking().ToDictionaryAsync(t => t.Milestone, t => t.Body, cancellationToken);
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        return CursorPage.Complete(TextMilestones.All.Select(m => new TextTemplateDto(
            m, own.GetValueOrDefault(m) ?? TextMilestones.DefaultBody(m), own.ContainsKey(m), TextMilestones.Placeholders(m), TextMilestones.IsOn(settings.Sms, m))).ToList());
    }
}

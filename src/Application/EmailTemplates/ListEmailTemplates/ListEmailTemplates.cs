using Mediator;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.EmailTemplates.ListEmailTemplates;

/// <summary>Every email template of the current tenant: its own where it has one, the default otherwise (four kinds: one complete page).</summary>
public sealed record ListEmailTemplatesQuery : IQuery<CursorPage<EmailTemplateDto>>;

internal sealed class ListEmailTemplatesHandler(IAppDbContext db) : IQueryHandler<ListEmailTemplatesQuery, CursorPage<EmailTemplateDto>>
{
    public async ValueTask<CursorPage<EmailTemplateDto>> Handle(ListEmailTemplatesQuery request, CancellationToken cancellationToken)
    {
        var saved = await db.EmailTemplates.AsNoTracking().ToListAsync(cancellationToken);
        return CursorPage.Complete(EmailTemplateCatalog.Kinds
            .Select(kind => EmailTemplateDto.From(kind, saved.SingleOrDefault(t => t.Kind == EmailTemplateCatalog.Key(kind))))
            .ToList());
    }
}

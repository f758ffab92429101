using Mediator;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.EmailTemplates.ListEmailTemplates;

/// <summary>Every email template of the current tenant: its own where it has one, the default otherwise (four kinds, so no paging).</summary>
public sealed record ListEmailTemplatesQuery : IQuery<IReadOnlyList<EmailTemplateDto>>;

internal sealed class ListEmailTemplatesHandler(IAppDbContext db) : IQueryHandler<ListEmailTemplatesQuery, IReadOnlyList<EmailTemplateDto>>
{
    public async ValueTask<IReadOnlyList<EmailTemplateDto>> Handle(ListEmailTemplatesQuery request, CancellationToken cancellationToken)
    {
        var saved = await db.EmailTemplates.AsNoTracking().ToListAsync(cancellationToken);
        return EmailTemplateCatalog.Kinds
            .Select(kind => EmailTemplateDto.From(kind, saved.SingleOrDefault(t => t.Kind == EmailTemplateCatalog.Key(kind))))
            .ToList();
    }
}

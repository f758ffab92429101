using Mediator;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.EmailTemplates.GetEmailTemplate;

/// <summary>One email template of the current tenant: its own, or the default.</summary>
public sealed record GetEmailTemplateQuery(EmailTemplateKind Kind) : IQuery<EmailTemplateDto>;

internal sealed class GetEmailTemplateHandler(IAppDbContext db) : IQueryHandler<GetEmailTemplateQuery, EmailTemplateDto>
{
    public async ValueTask<EmailTemplateDto> Handle(GetEmailTemplateQuery request, CancellationToken cancellationToken)
    {
        var key = EmailTemplateCatalog.Key(request.Kind);
        var saved = await db.EmailTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == key, cancellationToken);
        return EmailTemplateDto.From(request.Kind, saved);
    }
}

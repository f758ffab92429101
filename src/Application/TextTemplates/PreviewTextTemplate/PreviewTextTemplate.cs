using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.Domain.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.TextTemplates.PreviewTextTemplate;

/// <summary>Renders a milestone's text with sample values: an unsaved draft when <paramref name="Body"/> is given, the template in use otherwise.</summary>
public sealed record PreviewTextTemplateQuery(string Milestone, string? Body) : IQuery<Result<TextPreviewDto>>;

internal sealed class PreviewTextTemplateHandler(IAppDbContext db, TextSamples samples) : IQueryHandler<PreviewTextTemplateQuery, Result<TextPreviewDto>>
{
    public async ValueTask<Result<TextPreviewDto>> Handle(PreviewTextTemplateQuery request, CancellationToken cancellationToken)
    {
        if (!TextMilestones.All.Contains(request.Milestone))
        {
            return TextTemplateErrors.UnknownMilestone(request.Milestone);
        }

        var body = string.IsNullOrWhiteSpace(request.Body)
            ? await db.Set<TextTemplate>().AsNoTracking().Where(t => t.Milestone == request.Milestone).Select(t => t.Body).SingleOrDefaultAsync(cancellationToken)
                ?? TextMilestones.DefaultBody(request.Milestone)
            : request.Body;
        var text = TextMilestones.Render(body, await samples.ValuesAsync(cancellationToken));
        var encoding = TextEncodingInfo.Of(text);
        return new TextPreviewDto(request.Milestone, text, encoding.Encoding, encoding.Characters, encoding.Segments);
    }
}

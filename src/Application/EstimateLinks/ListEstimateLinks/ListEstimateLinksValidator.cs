using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.EstimateLinks.ListEstimateLinks;

internal sealed class ListEstimateLinksValidator : AbstractValidator<ListEstimateLinksQuery>
{
    public ListEstimateLinksValidator() => this.AddPageRules();
}

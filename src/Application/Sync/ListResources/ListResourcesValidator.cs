using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Sync.ListResources;

internal sealed class ListResourcesValidator : AbstractValidator<ListResourcesQuery>
{
    public ListResourcesValidator() => this.AddPageRules();
}

using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.PortalAssets.ListPortalMemberships;

internal sealed class ListPortalMembershipsValidator : AbstractValidator<ListPortalMembershipsQuery>
{
    public ListPortalMembershipsValidator() => this.AddPageRules();
}

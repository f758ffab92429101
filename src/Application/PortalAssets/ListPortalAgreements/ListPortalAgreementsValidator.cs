using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.PortalAssets.ListPortalAgreements;

internal sealed class ListPortalAgreementsValidator : AbstractValidator<ListPortalAgreementsQuery>
{
    public ListPortalAgreementsValidator() => this.AddPageRules();
}

using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.PortalPaymentMethods.GetPaymentMethodHistory;

internal sealed class GetPaymentMethodHistoryValidator : AbstractValidator<GetPaymentMethodHistoryQuery>
{
    public GetPaymentMethodHistoryValidator() => this.AddPageRules();
}

using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.PortalPaymentMethods.PaymentMethodHistory;

internal sealed class GetPaymentMethodHistoryValidator : AbstractValidator<GetPaymentMethodHistoryQuery>
{
    public GetPaymentMethodHistoryValidator() => this.AddPageRules();
}

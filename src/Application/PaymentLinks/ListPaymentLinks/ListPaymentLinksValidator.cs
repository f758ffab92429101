using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.PaymentLinks.ListPaymentLinks;

internal sealed class ListPaymentLinksValidator : AbstractValidator<ListPaymentLinksQuery>
{
    public ListPaymentLinksValidator() => this.AddPageRules();
}

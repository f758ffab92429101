using FluentValidation;
using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Application.Payments.PayByLink;

internal sealed class PayByLinkValidator : AbstractValidator<PayByLinkCommand>
{
    public PayByLinkValidator()
    {
        PaymentRequestRules.AddKeyAndMethodRules<PayByLinkCommand>(this, x => x.IdempotencyKey, x => x.Body.PaymentMethod, savedMethodsAllowed: false);
        RuleFor(x => x.Body.Amount).GreaterThan(0).When(x => x.Body.Amount is not null).WithMessage("amount is above zero (minor units).").OverridePropertyName("amount");
        RuleFor(x => x.Body.ReceiptEmail).Must(ContactRules.IsEmail).When(x => x.Body.ReceiptEmail is not null)
            .WithMessage("receiptEmail is an email address.").OverridePropertyName("receiptEmail");
    }
}

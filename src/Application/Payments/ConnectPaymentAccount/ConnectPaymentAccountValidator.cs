using FluentValidation;
using HeadlessPortal.Domain.Payments;

namespace HeadlessPortal.Application.Payments.ConnectPaymentAccount;

internal sealed class ConnectPaymentAccountValidator : AbstractValidator<ConnectPaymentAccountCommand>
{
    public ConnectPaymentAccountValidator() =>
        RuleFor(x => x.AccountId).Must(PaymentAccount.IsValidAccountId).WithMessage("accountId is a Stripe account id: acct_ followed by letters and digits.");
}

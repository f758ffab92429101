using FluentValidation;
using HeadlessPortal.Application.Payments;

namespace HeadlessPortal.Application.PortalPaymentMethods.SetUpPaymentMethod;

internal sealed class SetUpPaymentMethodValidator : AbstractValidator<SetUpPaymentMethodCommand>
{
    public SetUpPaymentMethodValidator()
    {
        RuleFor(x => x.Body.CustomerId).NotNull().WithMessage("customerId is required: a customer from GET /v1/portal/me with billing access.")
            .OverridePropertyName("customerId");
        RuleFor(x => x.Body.Type).Must(t => t is PaymentMethodTypes.Card or PaymentMethodTypes.UsBankAccount)
            .WithMessage("type is card or usBankAccount.").OverridePropertyName("type");
    }
}

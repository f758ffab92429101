using FluentValidation;
using HeadlessPortal.Domain.Payments;

namespace HeadlessPortal.Application.PortalPaymentMethods.AttachPaymentMethod;

internal sealed class AttachPaymentMethodValidator : AbstractValidator<AttachPaymentMethodCommand>
{
    public AttachPaymentMethodValidator()
    {
        RuleFor(x => x.Body.CustomerId).NotNull().WithMessage("customerId is required: the customer the setup was started for.")
            .OverridePropertyName("customerId");
        RuleFor(x => x.Body.SetupIntentId)
            .Must(id => id is { Length: > 5 and <= SavedPaymentMethod.ProviderIdMaxLength } && id.StartsWith("seti_", StringComparison.Ordinal))
            .WithMessage("setupIntentId is the seti_... id POST /v1/portal/payment-methods/setup answered.").OverridePropertyName("setupIntentId");
    }
}

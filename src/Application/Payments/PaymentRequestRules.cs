using FluentValidation;
using HeadlessPortal.Domain.Payments;

namespace HeadlessPortal.Application.Payments;

/// <summary>The request rules shared by the portal and payment links.</summary>
public static class PaymentRequestRules
{
    public const int IdempotencyKeyMaxLength = Payment.KeyMaxLength;

    public static void AddRules<T>(AbstractValidator<T> validator, Func<T, string?> key, Func<T, IReadOnlyList<AllocationInput>?> allocations, Func<T, PaymentMethodInput?> method, bool savedMethodsAllowed)
    {
        AddKeyAndMethodRules(validator, key, method, savedMethodsAllowed);
        validator.RuleFor(x => allocations(x)).NotEmpty().WithMessage("allocations lists at least one invoice.").OverridePropertyName("allocations");
        validator.RuleFor(x => allocations(x)!.Count).LessThanOrEqualTo(Payment.MaxAllocations).When(x => allocations(x) is not null)
            .WithMessage($"At most {Payment.MaxAllocations} invoices in one payment.").OverridePropertyName("allocations");
        validator.RuleFor(x => allocations(x)).Must(a => a!.Where(i => i?.InvoiceId is not null).Select(i => i.InvoiceId).Distinct().Count() == a!.Count(i => i?.InvoiceId is not null))
            .When(x => allocations(x) is not null).WithMessage("Each invoice appears once.").OverridePropertyName("allocations");
        validator.RuleForEach(x => allocations(x)).ChildRules(a =>
        {
            a.RuleFor(i => i.InvoiceId).NotNull().WithMessage("invoiceId is required.");
            a.RuleFor(i => i.Amount).NotNull().WithMessage("amount is required (minor units).").GreaterThan(0).WithMessage("amount is above zero (minor units).");
        }).OverridePropertyName("allocations");
    }

    /// <summary>The Idempotency-Key header and the payment method.</summary>
    public static void AddKeyAndMethodRules<T>(AbstractValidator<T> validator, Func<T, string?> key, Func<T, PaymentMethodInput?> method, bool savedMethodsAllowed)
    {
        validator.RuleFor(x => key(x)).NotEmpty().WithMessage("The Idempotency-Key header is required: a unique value per payment (a UUID), sent again when retrying.")
            .MaximumLength(IdempotencyKeyMaxLength).OverridePropertyName("Idempotency-Key");
        validator.RuleFor(x => method(x)).NotNull().WithMessage("paymentMethod is required.").OverridePropertyName("paymentMethod");
        validator.RuleFor(x => method(x)!.Type)
            .Must(t => t is PaymentMethodTypes.Card or PaymentMethodTypes.UsBankAccount || (savedMethodsAllowed && t == PaymentMethodTypes.SavedMethod))
            .When(x => method(x) is not null)
            .WithMessage(savedMethodsAllowed ? "type is card, savedMethod or usBankAccount." : "type is card or usBankAccount.")
            .OverridePropertyName("paymentMethod.type");
        validator.RuleFor(x => method(x)!.PaymentMethodId).Must(PaymentMethodTypes.IsProviderMethodId)
            .When(x => method(x)?.Type is PaymentMethodTypes.Card or PaymentMethodTypes.UsBankAccount)
            .WithMessage("paymentMethodId is the pm_... id Stripe.js returned.").OverridePropertyName("paymentMethod.paymentMethodId");
        validator.RuleFor(x => method(x)!.AchAuthorization == null ? null : method(x)!.AchAuthorization!.Accepted).Equal(true)
            .When(x => method(x)?.Type == PaymentMethodTypes.UsBankAccount)
            .WithMessage("A bank debit needs achAuthorization.accepted = true: show the customer the authorization text (GET /v1/portal/payment-options) and have them accept it.")
            .OverridePropertyName("paymentMethod.achAuthorization.accepted");
    }
}

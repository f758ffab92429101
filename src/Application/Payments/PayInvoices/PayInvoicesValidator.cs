using FluentValidation;

namespace HeadlessPortal.Application.Payments.PayInvoices;

internal sealed class PayInvoicesValidator : AbstractValidator<PayInvoicesCommand>
{
    public PayInvoicesValidator() =>
        PaymentRequestRules.AddRules<PayInvoicesCommand>(this, x => x.IdempotencyKey, x => x.Body.Allocations, x => x.Body.PaymentMethod, savedMethodsAllowed: true);
}

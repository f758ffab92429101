using FluentValidation;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PaymentLinks.CreatePaymentLink;

internal sealed class CreatePaymentLinkValidator : AbstractValidator<CreatePaymentLinkCommand>
{
    public CreatePaymentLinkValidator(IOptions<PortalOptions> options)
    {
        var max = options.Value.PaymentLinks.Max;
        RuleFor(x => x.ExpiresInDays)
            .Must(days => DirectLinks.LifetimeAllowed(days!.Value, max))
            .When(x => x.ExpiresInDays.HasValue)
            .WithMessage($"expiresInDays must be between 1 and {max}.");
    }
}

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
        // A declared range (not a predicate), so the contract states it; the same range as DirectLinks.LifetimeAllowed.
        RuleFor(x => x.ExpiresInDays).InclusiveBetween(DirectLinks.MinLifetimeDays, max).WithMessage($"expiresInDays must be between {DirectLinks.MinLifetimeDays} and {max}.");
    }
}

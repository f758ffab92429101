using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Portal.Rules;
using Mediator;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.Payments.GetPaymentOptions;

/// <summary>What a front end needs to take a payment: whether it can, the rules, Stripe.js's keys, the ACH text.</summary>
/// <param name="Enabled">Invoices can be paid online now (payments on, an account connected, invoice &amp; payment on).</param>
/// <param name="Reason">Why not, when not: payments_disabled or invoice_payment_off.</param>
/// <param name="PartialPayments">Amounts below the balance are accepted.</param>
/// <param name="SavedPaymentMethods">Customers can save and pay with saved methods.</param>
/// <param name="MinimumCharge">The smallest payment the provider takes, in minor units.</param>
/// <param name="Stripe">For Stripe.js: loadStripe(publishableKey, { stripeAccount: accountId }).</param>
/// <param name="AchAuthorizationText">Show it before a bank payment; paying with achAuthorization.accepted = true records it.</param>
public sealed record PaymentOptionsDto(bool Enabled, string? Reason, bool PartialPayments, bool SavedPaymentMethods, long MinimumCharge, StripeClientDto? Stripe, string AchAuthorizationText);

/// <summary>The payment options of the current tenant.</summary>
public sealed record GetPaymentOptionsQuery : IQuery<PaymentOptionsDto>;

internal sealed class GetPaymentOptionsHandler(IAppDbContext db, ICurrentTenant tenant, IClock clock, IOptions<PaymentOptions> options)
    : IQueryHandler<GetPaymentOptionsQuery, PaymentOptionsDto>
{
    public async ValueTask<PaymentOptionsDto> Handle(GetPaymentOptionsQuery request, CancellationToken cancellationToken)
    {
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        var accountId = await PaymentAccounts.AccountIdAsync(db, cancellationToken);
        var reason = !Payable.OnlinePaymentsReady(settings.OnlinePaymentsEnabled, accountId is not null) ? NotPayableReason.PaymentsDisabled
            : !Payable.InvoicePaymentOn(settings.Features) ? NotPayableReason.InvoicePaymentOff
            : null;
        return new PaymentOptionsDto(
            reason is null,
            reason,
            settings.Features.PartialPayments,
            settings.Features.SavedPaymentMethods,
            PaymentCheckout.MinimumCharge,
            accountId is null ? null : new StripeClientDto(options.Value.StripePublishableKey, accountId),
            await AchAuthorizations.TextAsync(db, tenant, cancellationToken));
    }
}

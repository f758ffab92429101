using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.PaymentLinks;
using HeadlessPortal.Domain.Payments;
using Mediator;

namespace HeadlessPortal.Application.Payments.PayByLink;

/// <summary>The body of POST /v1/public/payment-links/{token}/payments.</summary>
/// <param name="Amount">Minor units; omitted, the whole balance. Below the balance only when the company takes partial payments.</param>
/// <param name="PaymentMethod">card or usBankAccount (no saved methods through a link).</param>
/// <param name="ReceiptEmail">Where to send the receipt, if anywhere.</param>
public sealed record PayByLinkRequest(long? Amount, [property: Required] PaymentMethodInput? PaymentMethod, string? ReceiptEmail);

/// <summary>Pays the one invoice of a payment link, without an account.</summary>
public sealed record PayByLinkCommand(string Token, string? IdempotencyKey, PayByLinkRequest Body, RequestOrigin Origin) : ISelfTransactedCommand<Result<PaymentResultDto>>;

internal sealed class PayByLinkHandler(
    IAppDbContext db, PaymentLinkResolver links, PaymentCheckout checkout, FailedPaymentLimits failedPayments, ICurrentTenant tenant, IClock clock)
    : ICommandHandler<PayByLinkCommand, Result<PaymentResultDto>>
{
    /// <summary>
    /// Failed payments a link takes in an hour before it refuses more: a link works without an account, so it must not
    /// become a place to try stolen card numbers one after another.
    /// </summary>
    public const int MaxFailedPaymentsPerHour = 5;

    public async ValueTask<Result<PaymentResultDto>> Handle(PayByLinkCommand request, CancellationToken cancellationToken)
    {
        // Unknown, expired, revoked, another company's, or its invoice removed: the same 404 as the view.
        var resolved = await links.ResolveAsync(db, request.Token, clock.UtcNow, cancellationToken);
        if (resolved is null)
        {
            return Error.NotFound("payment link");
        }

        var scope = $"link:{resolved.Link.Id}";
        var hash = PaymentCheckout.HashOf(request.Body);
        var replay = await checkout.ReplayAsync(scope, request.IdempotencyKey!, hash, cancellationToken);
        if (replay is not null)
        {
            return replay;
        }

        var invoice = resolved.Invoice;
        var tooMany = await failedPayments.CheckLinkAsync(scope, MaxFailedPaymentsPerHour, request.Origin.KnownIpAddress, cancellationToken);
        if (tooMany is not null)
        {
            return tooMany;
        }

        var method = request.Body.PaymentMethod!;
        var kind = method.Type == PaymentMethodTypes.UsBankAccount ? PaymentMethodKind.UsBankAccount : PaymentMethodKind.Card;
        var ach = kind == PaymentMethodKind.UsBankAccount
            ? await AchAuthorizations.AcceptedAsync(db, tenant, request.Origin, clock.UtcNow, cancellationToken)
            : null;
        return await checkout.StartAsync(
            new CheckoutRequest(
                [(invoice.Id, request.Body.Amount ?? invoice.Balance)],
                new ChargeableMethod(kind, method.PaymentMethodId!, null, null),
                ach,
                PaymentChannel.PaymentLink,
                null,
                resolved.Link.Id,
                scope,
                request.IdempotencyKey!,
                hash,
                request.Body.ReceiptEmail?.Trim().ToLowerInvariant(),
                request.Origin.KnownIpAddress),
            cancellationToken);
    }
}

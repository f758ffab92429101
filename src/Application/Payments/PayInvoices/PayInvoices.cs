using System.ComponentModel.DataAnnotations;
using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.PayInvoices;

/// <summary>The body of POST /v1/portal/payments.</summary>
/// <param name="Allocations">One or several invoices of one Bill-To customer.</param>
/// <param name="PaymentMethod">How to pay.</param>
public sealed record PayInvoicesRequest([property: Required] IReadOnlyList<AllocationInput>? Allocations, [property: Required] PaymentMethodInput? PaymentMethod);

/// <summary>Pays one or several invoices of one Bill-To customer (not in the mediator's transaction: it commits the holds before calling the provider).</summary>
public sealed record PayInvoicesCommand(string? IdempotencyKey, PayInvoicesRequest Body, RequestOrigin Origin) : ISelfTransactedCommand<Result<PaymentResultDto>>;

internal sealed class PayInvoicesHandler(
    IAppDbContext db, PortalViewer viewer, PaymentCheckout checkout, FailedPaymentLimits failedPayments, ISavedPaymentMethodLookup savedMethods,
    ICurrentTenant tenant, IClock clock)
    : ICommandHandler<PayInvoicesCommand, Result<PaymentResultDto>>
{
    public async ValueTask<Result<PaymentResultDto>> Handle(PayInvoicesCommand request, CancellationToken cancellationToken)
    {
        var session = viewer.Session;
        var scope = session.UserId is { } userId ? $"user:{userId}" : $"session:{session.SessionId}";
        var hash = PaymentCheckout.HashOf(request.Body);
        var replay = await checkout.ReplayAsync(scope, request.IdempotencyKey!, hash, cancellationToken);
        if (replay is not null)
        {
            return replay;
        }

        var allocations = request.Body.Allocations!.Select(a => (a.InvoiceId!.Value, a.Amount!.Value)).ToList();
        var ids = allocations.Select(a => a.Item1).ToList();
        var invoices = await db.Set<Invoice>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        foreach (var id in ids)
        {
            // Unknown, another customer's, a service-only customer's, hidden: all the same 404.
            if (!invoices.TryGetValue(id, out var invoice)
                || !InvoiceVisibility.IsVisible(await viewer.AccessToAsync(invoice.BillToId, cancellationToken), invoice.EverHadBalance, invoice.BusinessUnitExternalId, settings.VisibleBusinessUnitIds))
            {
                return Error.NotFound("invoice");
            }
        }

        // Card testing: after too many failures (this payer, this customer, this address) no new payment starts for a while.
        var tooMany = await failedPayments.CheckPortalAsync(scope, invoices[ids[0]].BillToId, request.Origin.KnownIpAddress, cancellationToken);
        if (tooMany is not null)
        {
            return tooMany;
        }

        var method = await MethodAsync(request.Body.PaymentMethod!, invoices[ids[0]].BillToId, settings.Features.SavedPaymentMethods, cancellationToken);
        if (!method.IsSuccess)
        {
            return method.Error!;
        }

        var ach = method.Value.Kind == PaymentMethodKind.UsBankAccount
            ? await AchAuthorizations.AcceptedAsync(db, tenant, request.Origin, clock.UtcNow, cancellationToken)
            : null;
        return await checkout.StartAsync(
            new CheckoutRequest(allocations, method.Value, ach, PaymentChannel.Portal, session.UserId, null, scope, request.IdempotencyKey!, hash, session.Email, request.Origin.KnownIpAddress,
                new CheckoutReads(settings, invoices)),
            cancellationToken);
    }

    private async Task<Result<ChargeableMethod>> MethodAsync(PaymentMethodInput input, Guid billToId, bool savedMethodsOn, CancellationToken ct)
    {
        switch (input.Type)
        {
            case PaymentMethodTypes.Card:
                return new ChargeableMethod(PaymentMethodKind.Card, input.PaymentMethodId!, null, null);
            case PaymentMethodTypes.UsBankAccount:
                return new ChargeableMethod(PaymentMethodKind.UsBankAccount, input.PaymentMethodId!, null, null);
            default:
                if (!savedMethodsOn)
                {
                    return Error.Conflict("saved_payment_methods_off", "This company does not keep saved payment methods.");
                }

                var saved = input.SavedPaymentMethodId is { } savedId
                    ? await savedMethods.FindAsync(billToId, savedId, ct)
                    : await savedMethods.PrimaryAsync(billToId, ct);
                return saved is null ? Error.NotFound("payment method") : saved;
        }
    }
}

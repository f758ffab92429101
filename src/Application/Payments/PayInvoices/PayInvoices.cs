using Mediator;
using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.PortalAuth;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.PayInvoices;

/// <summary>One invoice and the amount to pay on it.</summary>
/// <param name="InvoiceId">An invoice id from /v1/portal/invoices.</param>
/// <param name="Amount">Minor units; exactly the balance unless the company takes partial payments.</param>
public sealed record AllocationInput(Guid? InvoiceId, long? Amount);

/// <summary>The customer accepted the ACH debit authorization shown to them.</summary>
/// <param name="Accepted">Must be true.</param>
public sealed record AchAuthorizationInput(bool? Accepted);

/// <summary>How to pay.</summary>
/// <param name="Type">card (a new card, tokenized by Stripe.js), savedMethod (one of the customer's saved methods), usBankAccount (a bank account collected by Stripe.js).</param>
/// <param name="PaymentMethodId">The pm_... id from Stripe.js, for card and usBankAccount.</param>
/// <param name="SavedPaymentMethodId">For savedMethod: an id from /v1/portal/payment-methods; omitted, the customer's primary method.</param>
/// <param name="AchAuthorization">For usBankAccount: the authorization the customer accepted.</param>
public sealed record PaymentMethodInput(string? Type, string? PaymentMethodId, Guid? SavedPaymentMethodId, AchAuthorizationInput? AchAuthorization);

/// <summary>The body of POST /v1/portal/payments.</summary>
/// <param name="Allocations">One or several invoices of one Bill-To customer.</param>
/// <param name="PaymentMethod">How to pay.</param>
public sealed record PayInvoicesRequest(IReadOnlyList<AllocationInput>? Allocations, PaymentMethodInput? PaymentMethod);

/// <summary>Where the request came from, recorded with an ACH authorization.</summary>
/// <param name="IpAddress">The client's address.</param>
/// <param name="UserAgent">The client's User-Agent.</param>
public sealed record RequestOrigin(string IpAddress, string UserAgent);

/// <summary>Pays one or several invoices of one Bill-To customer (not in the mediator's transaction: it commits the holds before calling the provider).</summary>
public sealed record PayInvoicesCommand(string? IdempotencyKey, PayInvoicesRequest Body, RequestOrigin Origin) : ISelfTransactedCommand<Result<PaymentResultDto>>;

/// <summary>The payment method kinds the API speaks.</summary>
public static class PaymentMethodTypes
{
    public const string Card = "card";
    public const string SavedMethod = "savedMethod";
    public const string UsBankAccount = "usBankAccount";

    public static bool IsProviderMethodId(string? id) => id is { Length: > 3 and <= Payment.ProviderIdMaxLength } && id.StartsWith("pm_", StringComparison.Ordinal);
}

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

internal sealed class PayInvoicesValidator : AbstractValidator<PayInvoicesCommand>
{
    public PayInvoicesValidator() =>
        PaymentRequestRules.AddRules<PayInvoicesCommand>(this, x => x.IdempotencyKey, x => x.Body.Allocations, x => x.Body.PaymentMethod, savedMethodsAllowed: true);
}

internal sealed class PayInvoicesHandler(
    IAppDbContext db, PortalViewer viewer, PaymentCheckout checkout, ISavedPaymentMethodLookup savedMethods, ICurrentTenant tenant, IClock clock)
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

        var method = await MethodAsync(request.Body.PaymentMethod!, invoices[ids[0]].BillToId, settings.Features.SavedPaymentMethods, cancellationToken);
        if (!method.IsSuccess)
        {
            return method.Error!;
        }

        var ach = method.Value.Kind == PaymentMethodKind.UsBankAccount
            ? await AchAuthorizations.AcceptedAsync(db, tenant, request.Origin, clock.UtcNow, cancellationToken)
            : null;
        return await checkout.StartAsync(
            new CheckoutRequest(allocations, method.Value, ach, PaymentChannel.Portal, session.UserId, null, scope, request.IdempotencyKey!, hash, session.Email),
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

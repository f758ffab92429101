using Mediator;
using FluentValidation;
using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.PortalAuth;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.Payments;

/// <summary>A payment as the customer sees it.</summary>
/// <param name="Id">The payment's id.</param>
/// <param name="Status">pending, requiresAction, processing, succeeded, failed or canceled.</param>
/// <param name="Amount">The total.</param>
/// <param name="Method">card or usBankAccount.</param>
/// <param name="BillTo">The customer billed.</param>
/// <param name="Invoices">What it paid.</param>
/// <param name="ClientSecret">Only while requiresAction.</param>
/// <param name="Failure">Only when failed.</param>
/// <param name="CreatedAt">When it was started.</param>
/// <param name="CompletedAt">When it succeeded, failed or was canceled.</param>
public sealed record PortalPaymentDetailDto(
    Guid Id, PaymentStatus Status, MoneyDocument Amount, PaymentMethodKind Method, PortalInvoices.InvoiceBillToDto BillTo,
    IReadOnlyList<PaymentInvoiceDto> Invoices, string? ClientSecret, PaymentFailureDto? Failure, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>The part of a payment that went to one invoice.</summary>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="Number">Its number.</param>
/// <param name="Amount">Paid on it.</param>
public sealed record PaymentInvoiceDto(Guid InvoiceId, string Number, MoneyDocument Amount);

/// <summary>One of my payments (a customer's with billing access); any other id is not found.</summary>
public sealed record GetPortalPaymentQuery(Guid Id) : IQuery<Result<PortalPaymentDetailDto>>;

internal sealed class GetPortalPaymentHandler(IAppDbContext db, PortalViewer viewer) : IQueryHandler<GetPortalPaymentQuery, Result<PortalPaymentDetailDto>>
{
    public async ValueTask<Result<PortalPaymentDetailDto>> Handle(GetPortalPaymentQuery request, CancellationToken cancellationToken)
    {
        var payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken);
        if (payment is null || await viewer.AccessToAsync(payment.CustomerId, cancellationToken) is not { } level
            || !BillingAccess.CanSee(level, CustomerRecordKind.Payment))
        {
            return Error.NotFound("payment");
        }

        var name = (await viewer.CustomersAsync(cancellationToken)).First(c => c.Id == payment.CustomerId).Name;
        return PortalPaymentViews.Detail(payment, name);
    }
}

/// <summary>My payments, newest first: those of every customer I have billing access to (or one of them).</summary>
public sealed record ListPortalPaymentsQuery(Guid? BillToCustomerId, int? Limit, string? After) : IQuery<Result<CursorPage<PortalPaymentDetailDto>>>;

internal sealed class ListPortalPaymentsValidator : AbstractValidator<ListPortalPaymentsQuery>
{
    public ListPortalPaymentsValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, PageLimits.Max).When(x => x.Limit.HasValue).WithMessage($"limit must be between 1 and {PageLimits.Max}.");
        RuleFor(x => x.After).Must(a => Guid.TryParse(a, out _)).When(x => x.After is not null).WithMessage("after must be a nextCursor value returned by this list.");
    }
}

internal sealed class ListPortalPaymentsHandler(IAppDbContext db, PortalViewer viewer) : IQueryHandler<ListPortalPaymentsQuery, Result<CursorPage<PortalPaymentDetailDto>>>
{
    public async ValueTask<Result<CursorPage<PortalPaymentDetailDto>>> Handle(ListPortalPaymentsQuery request, CancellationToken cancellationToken)
    {
        Guid? after = request.After is null ? null : Guid.Parse(request.After);
        var limit = request.Limit ?? PageLimits.Default;
        var customers = (await viewer.CustomersAsync(cancellationToken))
            .Where(c => BillingAccess.CanSee(c.AccessLevel, CustomerRecordKind.Payment) && (request.BillToCustomerId is null || c.Id == request.BillToCustomerId))
            .ToDictionary(c => c.Id, c => c.Name);
        var rows = new List<Payment>();

        // One index range per customer (TenantId, CustomerId, Id), merged: a user has few customers.
        foreach (var customerId in customers.Keys)
        {
            var query = db.Set<Payment>().AsNoTracking().Where(p => p.CustomerId == customerId);
            if (after is { } cursor)
            {
                query = query.Where(p => p.Id.CompareTo(cursor) < 0);
            }

            rows.AddRange(await query.OrderByDescending(p => p.Id).Take(limit + 1).ToListAsync(cancellationToken));
        }

        var page = rows.OrderByDescending(p => p.Id).Take(limit + 1).ToList();
        var hasMore = page.Count > limit;
        var items = page.Take(limit).Select(p => PortalPaymentViews.Detail(p, customers[p.CustomerId])).ToList();
        return new CursorPage<PortalPaymentDetailDto>(items, hasMore ? items[^1].Id.ToString() : null, hasMore);
    }
}

internal static class PortalPaymentViews
{
    public static PortalPaymentDetailDto Detail(Payment payment, string billToName)
    {
        var result = PaymentResultDto.From(payment);
        return new PortalPaymentDetailDto(
            payment.Id, payment.Status, result.Amount, payment.MethodKind, new PortalInvoices.InvoiceBillToDto(payment.CustomerId, billToName),
            payment.Allocations.Select(a => new PaymentInvoiceDto(a.InvoiceId, a.InvoiceNumber, new MoneyDocument(a.Amount, payment.Currency))).ToList(),
            result.ClientSecret, result.Failure, payment.CreatedAt, payment.CompletedAt);
    }
}

/// <summary>What a front end needs to take a payment: whether it can, the rules, Stripe.js's keys, the ACH text.</summary>
/// <param name="Enabled">Invoices can be paid online now (payments on, an account connected, invoice &amp; payment on).</param>
/// <param name="Reason">Why not, when not: payments_disabled or invoice_payment_off.</param>
/// <param name="PartialPayments">Amounts below the balance are accepted.</param>
/// <param name="SavedPaymentMethods">Customers can save and pay with saved methods.</param>
/// <param name="MinimumCharge">The smallest payment the provider takes, in minor units.</param>
/// <param name="Stripe">For Stripe.js: loadStripe(publishableKey, { stripeAccount: accountId }).</param>
/// <param name="AchAuthorizationText">Show it before a bank payment; paying with achAuthorization.accepted = true records it.</param>
public sealed record PaymentOptionsDto(bool Enabled, string? Reason, bool PartialPayments, bool SavedPaymentMethods, long MinimumCharge, StripeClientDto? Stripe, string AchAuthorizationText);

/// <summary>Keys for Stripe.js.</summary>
/// <param name="PublishableKey">The platform's publishable key (pk_...).</param>
/// <param name="AccountId">The company's connected account (acct_...).</param>
public sealed record StripeClientDto(string? PublishableKey, string AccountId);

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

using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.ConnectPaymentAccount;

/// <summary>Connects (or changes) the tenant's Stripe account.</summary>
public sealed record ConnectPaymentAccountCommand(string? AccountId) : ITransactionalCommand<Result<PaymentAccountDto>>;

internal sealed class ConnectPaymentAccountHandler(IAppDbContext db, ICurrentTenant currentTenant, IClock clock, IAuditLog audit)
    : ICommandHandler<ConnectPaymentAccountCommand, Result<PaymentAccountDto>>
{
    public async ValueTask<Result<PaymentAccountDto>> Handle(ConnectPaymentAccountCommand request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        var accountId = request.AccountId!;
        var taken = await db.Set<PaymentAccount>().IgnoreQueryFilters()
            .AnyAsync(a => a.ProviderAccountId == accountId && a.TenantId != tenantId, cancellationToken);
        if (taken)
        {
            return InUse(accountId);
        }

        var account = await db.Set<PaymentAccount>().SingleOrDefaultAsync(cancellationToken);
        var before = account is null ? null : PaymentAccountDto.From(account);
        bool changed;
        if (account is null)
        {
            account = PaymentAccount.Connect(tenantId, accountId, clock.UtcNow);
            db.Set<PaymentAccount>().Add(account);
            changed = true;
        }
        else
        {
            changed = account.ChangeAccount(accountId, clock.UtcNow);
        }

        if (!changed)
        {
            return PaymentAccountDto.From(account);
        }

        audit.Record(tenantId, "payment_account.connected", "payment-account", before, PaymentAccountDto.From(account));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<PaymentAccount>(nameof(PaymentAccount.ProviderAccountId)))
        {
            return InUse(accountId);
        }

        return PaymentAccountDto.From(account);
    }

    private static Error InUse(string accountId) =>
        Error.Conflict("payment_account_in_use", $"{accountId} is connected to another company; an account takes payments for one company only.");
}

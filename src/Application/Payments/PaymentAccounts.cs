using Mediator;
using FluentValidation;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments;

/// <summary>The current tenant's payment account, for code that needs to know whether payments can be taken.</summary>
public static class PaymentAccounts
{
    public static Task<bool> IsConnectedAsync(IAppDbContext db, CancellationToken ct) => db.Set<PaymentAccount>().AnyAsync(ct);

    /// <summary>The provider account id (<c>acct_...</c>), or null when none is connected.</summary>
    public static Task<string?> AccountIdAsync(IAppDbContext db, CancellationToken ct) =>
        db.Set<PaymentAccount>().AsNoTracking().Select(a => a.ProviderAccountId).SingleOrDefaultAsync(ct);
}

/// <summary>The tenant's payment account.</summary>
/// <param name="Connected">Whether one is connected; online payments need it.</param>
/// <param name="AccountId">The Stripe account id (acct_...).</param>
/// <param name="ConnectedAt">When it was first connected.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record PaymentAccountDto(bool Connected, string? AccountId, DateTimeOffset? ConnectedAt, DateTimeOffset? UpdatedAt)
{
    public static PaymentAccountDto From(PaymentAccount? account) =>
        account is null ? new(false, null, null, null) : new(true, account.ProviderAccountId, account.ConnectedAt, account.UpdatedAt);
}

/// <summary>Reads the tenant's payment account.</summary>
public sealed record GetPaymentAccountQuery : IQuery<PaymentAccountDto>;

internal sealed class GetPaymentAccountHandler(IAppDbContext db) : IQueryHandler<GetPaymentAccountQuery, PaymentAccountDto>
{
    public async ValueTask<PaymentAccountDto> Handle(GetPaymentAccountQuery request, CancellationToken cancellationToken) =>
        PaymentAccountDto.From(await db.Set<PaymentAccount>().AsNoTracking().SingleOrDefaultAsync(cancellationToken));
}

/// <summary>Connects (or changes) the tenant's Stripe account.</summary>
public sealed record ConnectPaymentAccountCommand(Guid TenantId, string? AccountId) : ITransactionalCommand<Result<PaymentAccountDto>>;

internal sealed class ConnectPaymentAccountValidator : AbstractValidator<ConnectPaymentAccountCommand>
{
    public ConnectPaymentAccountValidator() =>
        RuleFor(x => x.AccountId).Must(PaymentAccount.IsValidAccountId).WithMessage("accountId is a Stripe account id: acct_ followed by letters and digits.");
}

internal sealed class ConnectPaymentAccountHandler(IAppDbContext db, IClock clock, IAuditLog audit)
    : ICommandHandler<ConnectPaymentAccountCommand, Result<PaymentAccountDto>>
{
    public async ValueTask<Result<PaymentAccountDto>> Handle(ConnectPaymentAccountCommand request, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(request.TenantId);
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

/// <summary>Disconnects the tenant's payment account, which switches online payments off.</summary>
public sealed record DisconnectPaymentAccountCommand(Guid TenantId) : ITransactionalCommand<Result<PaymentAccountDto>>;

internal sealed class DisconnectPaymentAccountHandler(IAppDbContext db, IClock clock, IAuditLog audit)
    : ICommandHandler<DisconnectPaymentAccountCommand, Result<PaymentAccountDto>>
{
    public async ValueTask<Result<PaymentAccountDto>> Handle(DisconnectPaymentAccountCommand request, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(request.TenantId);
        var account = await db.Set<PaymentAccount>().SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return Error.NotFound("payment account");
        }

        db.Set<PaymentAccount>().Remove(account);
        var settings = await db.PortalSettings.SingleOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        settings?.DisableOnlinePayments(clock.UtcNow);
        audit.Record(tenantId, "payment_account.disconnected", "payment-account", PaymentAccountDto.From(account), null);
        await db.SaveChangesAsync(cancellationToken);
        return PaymentAccountDto.From(null);
    }
}

using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.DisconnectPaymentAccount;

/// <summary>Disconnects the tenant's payment account, which switches online payments off.</summary>
public sealed record DisconnectPaymentAccountCommand : ITransactionalCommand<Result<PaymentAccountDto>>;

internal sealed class DisconnectPaymentAccountHandler(IAppDbContext db, ICurrentTenant currentTenant, IClock clock, IAuditLog audit)
    : ICommandHandler<DisconnectPaymentAccountCommand, Result<PaymentAccountDto>>
{
    public async ValueTask<Result<PaymentAccountDto>> Handle(DisconnectPaymentAccountCommand request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
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

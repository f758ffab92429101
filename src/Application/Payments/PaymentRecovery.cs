using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.Payments;

/// <summary>
/// Settles payments whose answer was lost: a process that died between the provider's confirmation and our commit,
/// a provider that could not be reached, a webhook that never came. Pending payments are sent again under the same
/// idempotency key (the provider answers with the PaymentIntent it already made, or makes it now); payments with a
/// PaymentIntent are asked about. Either way the answer goes through <see cref="PaymentSettler"/>, so it takes effect once.
/// </summary>
internal sealed partial class PaymentRecovery(IAppDbContext db, IServiceScopeFactory scopes, IClock clock, IOptions<PaymentOptions> options, ILogger<PaymentRecovery> logger)
    : IMaintenanceTask
{
    /// <summary>Providers keep idempotency keys for a day: past that, sending again could charge twice, so the office decides.</summary>
    public static readonly TimeSpan ResendLimit = TimeSpan.FromHours(23);

    public string Name => "payment-recovery";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var pendingBefore = now - options.Value.RecoverPendingAfter;
        var inFlightBefore = now - options.Value.RecoverInFlightAfter;
        var candidates = await db.Set<Payment>().IgnoreQueryFilters([QueryFilters.Tenant]).AsNoTracking()
            .Where(p => (p.Status == PaymentStatus.Pending && p.UpdatedAt < pendingBefore)
                || ((p.Status == PaymentStatus.Processing || p.Status == PaymentStatus.RequiresAction) && p.UpdatedAt < inFlightBefore))
            .OrderBy(p => p.UpdatedAt)
            .Take(options.Value.RecoveryBatchSize)
            .Select(p => new { p.Id, p.TenantId })
            .ToListAsync(cancellationToken);

        foreach (var candidate in candidates)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantScope>().Enter(candidate.TenantId);
            try
            {
                await scope.ServiceProvider.GetRequiredService<PaymentRecoverer>().RecoverAsync(candidate.Id, cancellationToken);
            }
            catch (PaymentGatewayException ex)
            {
                LogNotRecovered(logger, candidate.Id, ex.Kind, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} could not be settled yet ({Kind}): {Reason}")]
    private static partial void LogNotRecovered(ILogger logger, Guid paymentId, PaymentGatewayErrorKind kind, string reason);
}

/// <summary>Settles one payment from the provider's state (in the payment's tenant scope).</summary>
public sealed partial class PaymentRecoverer(
    IAppDbContext db, IPaymentGateway gateway, PaymentCheckout checkout, PaymentSettler settler, IClock clock, IOptions<PaymentOptions> options, ILogger<PaymentRecoverer> logger)
{
    public async Task RecoverAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        var accountId = await PaymentAccounts.AccountIdAsync(db, cancellationToken);
        if (payment is null || payment.IsFinal || accountId is null)
        {
            return;
        }

        if (payment.ProviderPaymentIntentId is { } intentId)
        {
            var intent = await gateway.GetPaymentIntentAsync(accountId, intentId, cancellationToken);

            // The customer left during 3-D Secure: the PaymentIntent is canceled so its balance is theirs to pay again.
            if (intent.Status == "requires_action" && clock.UtcNow - payment.UpdatedAt >= options.Value.AbandonRequiresActionAfter)
            {
                intent = await gateway.CancelPaymentIntentAsync(accountId, intentId, "cancel-" + payment.Id.ToString("N"), cancellationToken);
            }

            await settler.ApplyAsync(payment.Id, ProviderOutcome.Of(intent), cancellationToken);
        }
        else if (clock.UtcNow - payment.CreatedAt < PaymentRecovery.ResendLimit)
        {
            await checkout.ChargeAsync(payment, accountId, cancellationToken);
        }
        else
        {
            LogTooOldToResend(logger, payment.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment {PaymentId} has had no answer from the provider for a day; check it in the provider's dashboard.")]
    private static partial void LogTooOldToResend(ILogger logger, Guid paymentId);
}

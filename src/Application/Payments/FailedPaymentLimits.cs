using System.Linq.Expressions;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.Payments;

/// <summary>
/// Card testing: whoever tries stolen card numbers one after another collects declines. Once too many payments failed
/// in the window (per payer, per customer, per IP address), new payments are refused with 429
/// <c>too_many_failed_payments</c> and the time until one is allowed again. The failures are counted in the database,
/// so every API process sharing it applies the same limits.
/// </summary>
public sealed class FailedPaymentLimits(IAppDbContext db, IClock clock, IOptions<PaymentOptions> options)
{
    /// <summary>The stable code of the refusal.</summary>
    public const string Code = "too_many_failed_payments";

    /// <summary>A payment through a payment link: at most <paramref name="maxForLink"/> failures through the link, and the per-address limit.</summary>
    public async Task<Error?> CheckLinkAsync(string idempotencyScope, int maxForLink, string? clientIp, CancellationToken ct)
    {
        var since = clock.UtcNow - options.Value.FailedPaymentWindow;
        var retryAt = Later(
            await BlockedUntilAsync(p => p.IdempotencyScope == idempotencyScope, since, maxForLink, ct),
            await BlockedFromAddressUntilAsync(clientIp, since, ct));
        return retryAt is null ? null : Refusal("Too many payments through this link failed in the last hour; try again later or call the office.", retryAt.Value);
    }

    /// <summary>A payment in the portal: per payer (user or portal-link session), per Bill-To customer, per address.</summary>
    public async Task<Error?> CheckPortalAsync(string idempotencyScope, Guid customerId, string? clientIp, CancellationToken ct)
    {
        var limits = options.Value;
        var since = clock.UtcNow - limits.FailedPaymentWindow;
        var retryAt = Later(
            Later(
                await BlockedUntilAsync(p => p.IdempotencyScope == idempotencyScope, since, limits.MaxFailedPaymentsPerPayer, ct),
                await BlockedUntilAsync(p => p.CustomerId == customerId && p.Channel == PaymentChannel.Portal, since, limits.MaxFailedPaymentsPerCustomer, ct)),
            await BlockedFromAddressUntilAsync(clientIp, since, ct));
        return retryAt is null ? null : Refusal("Too many payments failed in the last hour; try again later or call the office.", retryAt.Value);
    }

    /// <summary>
    /// When the limit stops applying to these payments: once the <paramref name="max"/>-th most recent failure leaves the
    /// window, fewer than <paramref name="max"/> remain. Null when fewer failed.
    /// </summary>
    private async Task<DateTimeOffset?> BlockedUntilAsync(Expression<Func<Payment, bool>> whose, DateTimeOffset since, int max, CancellationToken ct)
    {
        var recent = await db.Set<Payment>().AsNoTracking().Where(whose)
            .Where(p => p.Status == PaymentStatus.Failed && p.CreatedAt > since)
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => p.CreatedAt)
            .Take(max)
            .ToListAsync(ct);
        return recent.Count < max ? null : recent[^1] + options.Value.FailedPaymentWindow;
    }

    /// <summary>
    /// The per-address limit. Without an address (no remote address on the connection) there is nobody to limit: every
    /// such request would share one count, and a few declines would stop every customer's payments.
    /// </summary>
    private async Task<DateTimeOffset?> BlockedFromAddressUntilAsync(string? clientIp, DateTimeOffset since, CancellationToken ct) =>
        clientIp is null ? null : await BlockedUntilAsync(p => p.ClientIp == clientIp, since, options.Value.MaxFailedPaymentsPerIpAddress, ct);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private Error Refusal(string message, DateTimeOffset retryAt)
    {
        var wait = retryAt - clock.UtcNow;
        return new Error(ErrorKind.TooManyRequests, Code, message)
        {
            RetryAfter = wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait,
        };
    }
}

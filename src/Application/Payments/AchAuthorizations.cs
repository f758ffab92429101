using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments;

/// <summary>
/// The ACH debit authorization: one text per company, shown to the customer before they pay by bank account
/// (GET /v1/portal/payment-options) and recorded with each bank payment together with when and from where it was accepted.
/// </summary>
public static class AchAuthorizations
{
    public static string TextFor(string companyName) =>
        $"By selecting Pay, you authorize {companyName} to debit the bank account you selected, once, for the amount shown, " +
        $"on or after today, and, if an error occurs, to debit or credit that account to correct it. You may revoke this " +
        $"authorization by contacting {companyName} before the debit is made.";

    public static async Task<string> TextAsync(IAppDbContext db, ICurrentTenant tenant, CancellationToken ct)
    {
        var tenantId = tenant.Required();
        return TextFor(await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Name).SingleAsync(ct));
    }

    internal static async Task<AchAuthorization> AcceptedAsync(IAppDbContext db, ICurrentTenant tenant, RequestOrigin origin, DateTimeOffset now, CancellationToken ct) =>
        new(
            await TextAsync(db, tenant, ct),
            now,
            Bounded(origin.IpAddress, AchAuthorization.IpAddressMaxLength),
            Bounded(origin.UserAgent, AchAuthorization.UserAgentMaxLength));

    private static string Bounded(string value, int max) => value.Length > max ? value[..max] : value;
}

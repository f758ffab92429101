using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PaymentLinks;

/// <summary>A payment link that works now, with the one invoice it grants. Both are tracked by the context they were read with.</summary>
/// <param name="Link">The link.</param>
/// <param name="Invoice">Its invoice (not removed by the back office).</param>
public sealed record ResolvedPaymentLink(PaymentLink Link, Invoice Invoice);

/// <summary>
/// Finds the payment link a token belongs to, for everything a link's holder does (see the invoice, pay it). Unknown,
/// expired and revoked tokens, tokens of another tenant and links whose invoice was removed all answer null alike,
/// so a caller answers them with the same 404 and never says which it was.
/// </summary>
public sealed class PaymentLinkResolver(ISecrets secrets)
{
    /// <summary>
    /// The active link of the current tenant (the tenant query filter applies) whose token is <paramref name="token"/>,
    /// with its invoice, both tracked so a caller may change them (hold the balance for a payment) and save; or null.
    /// A link is not single use: it keeps working for further visits and payments until it expires or is revoked.
    /// </summary>
    /// <param name="db">The context to read with.</param>
    /// <param name="token">The token= value of the link (pay_...).</param>
    /// <param name="now">The time to judge expiry by.</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<ResolvedPaymentLink?> ResolveAsync(IAppDbContext db, string token, DateTimeOffset now, CancellationToken ct)
    {
        if (DirectLinkTokens.HashOf(secrets, token, PaymentLink.TokenPrefix) is not { } hash)
        {
            return null;
        }

        var link = await db.Set<PaymentLink>().SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null || link.StatusAt(now) != DirectLinkStatus.Active)
        {
            return null;
        }

        // The not-deleted filter applies: a link to an invoice the back office removed stops working.
        var invoice = await db.Set<Invoice>().SingleOrDefaultAsync(i => i.Id == link.InvoiceId, ct);
        return invoice is not null && link.Grants(invoice.Id, invoiceExists: true, now) ? new ResolvedPaymentLink(link, invoice) : null;
    }
}

/// <summary>A link just made: the only moment its token exists outside the holder's hands.</summary>
internal sealed record IssuedPaymentLink(PaymentLink Link, string Token, string Url);

/// <summary>Makes payment links: a 256-bit token (only its hash stored), and the URL of the front end's payment page.</summary>
internal sealed class PaymentLinkIssuer(IAppDbContext db, ISecrets secrets, PortalEmails emails, IOptions<PortalOptions> options)
{
    /// <summary>Adds the link to the context (the caller saves) and answers it with its token and URL.</summary>
    public async Task<IssuedPaymentLink> IssueAsync(
        TenantId tenantId, Ref invoice, string createdBy, int expiresInDays, DateTimeOffset now, Guid? sourceMessageId, CancellationToken ct)
    {
        var (token, hash) = DirectLinkTokens.New(secrets, PaymentLink.TokenPrefix);
        var link = PaymentLink.Create(tenantId, invoice, hash, createdBy, TimeSpan.FromDays(expiresInDays), now, sourceMessageId);
        db.Set<PaymentLink>().Add(link);
        var url = PortalEmails.Link(await emails.PortalUrlAsync(tenantId, ct), options.Value.Links.PaymentLinkPath, token);
        return new IssuedPaymentLink(link, token, url);
    }
}

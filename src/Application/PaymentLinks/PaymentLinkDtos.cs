using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;

namespace HeadlessPortal.Application.PaymentLinks;

/// <summary>A payment link as the office sees it; its token is never shown again after creation.</summary>
/// <param name="Id">The link's id.</param>
/// <param name="InvoiceId">Our id of the invoice it grants.</param>
/// <param name="InvoiceExternalId">The back office's id of that invoice.</param>
/// <param name="Status">active, expired or revoked.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="CreatedBy">The API client that made it, or system for the link in an invoice email.</param>
/// <param name="RevokedAt">When the office revoked it.</param>
/// <param name="LastViewedAt">When someone last opened it.</param>
public sealed record PaymentLinkDto(
    Guid Id, Guid InvoiceId, string InvoiceExternalId, DirectLinkStatus Status, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastViewedAt)
{
    public static PaymentLinkDto From(PaymentLink link, DateTimeOffset now) => new(
        link.Id, link.InvoiceId, link.InvoiceExternalId, link.StatusAt(now), link.ExpiresAt, link.CreatedAt, link.CreatedBy, link.RevokedAt, link.LastViewedAt);
}

/// <summary>A payment link just made: the only time its token and URL are shown.</summary>
/// <param name="Id">The link's id.</param>
/// <param name="InvoiceId">Our id of the invoice it grants.</param>
/// <param name="InvoiceExternalId">The back office's id of that invoice.</param>
/// <param name="Url">The link to send the customer: the portal's payment page with the token.</param>
/// <param name="Token">The token in the link (pay_...).</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record CreatedPaymentLinkDto(Guid Id, Guid InvoiceId, string InvoiceExternalId, string Url, string Token, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt);

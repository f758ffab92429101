using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Payments;

/// <summary>
/// A direct payment link (PRODUCT.md#direct-links): whoever holds its token may see one invoice and pay it, without an account
/// and without saved payment methods, until it expires or the office revokes it. Only the token's hash is kept
/// (PRODUCT.md#security-baseline); the token is shown once, when the link is made.
/// </summary>
public sealed class PaymentLink : ITenantOwned
{
    /// <summary>Tokens look like pay_ followed by 256 random bits, base64url.</summary>
    public const string TokenPrefix = "pay_";

    public const int CreatedByMaxLength = 100;

    private PaymentLink()
    {
        InvoiceExternalId = null!;
        TokenHash = null!;
        CreatedBy = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>The one invoice the link grants.</summary>
    public Guid InvoiceId { get; private set; }

    public string InvoiceExternalId { get; private set; }

    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The API client that made it, or "system" for the invoice email.</summary>
    public string CreatedBy { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>When someone last opened it.</summary>
    public DateTimeOffset? LastViewedAt { get; private set; }

    /// <summary>The outbox message whose email carried the link, when an email made it: handling that message again finds the link instead of making another.</summary>
    public Guid? SourceMessageId { get; private set; }

    /// <summary>A link to <paramref name="invoice"/> that works for <paramref name="lifetime"/> from now.</summary>
    public static PaymentLink Create(
        TenantId tenantId, Ref invoice, string tokenHash, string createdBy, TimeSpan lifetime, DateTimeOffset now, Guid? sourceMessageId = null)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new DomainException("invalid_lifetime", "A payment link works for some time after it is made.");
        }

        return new PaymentLink
        {
            Id = UuidV7.NewGuid(),
            TenantId = tenantId,
            InvoiceId = invoice.Id,
            InvoiceExternalId = invoice.ExternalId,
            TokenHash = Guard.Required(tokenHash, "Token hash", 100),
            CreatedAt = now,
            CreatedBy = Guard.Required(createdBy, "Created by", CreatedByMaxLength),
            ExpiresAt = now + lifetime,
            SourceMessageId = sourceMessageId,
        };
    }

    public DirectLinkStatus StatusAt(DateTimeOffset now) => DirectLinks.Status(ExpiresAt, RevokedAt, now);

    /// <summary>Whether the link lets its holder see and pay <paramref name="invoiceId"/> now (the invoice must still exist).</summary>
    public bool Grants(Guid invoiceId, bool invoiceExists, DateTimeOffset now) =>
        DirectLinks.Grants(InvoiceId, invoiceId) && DirectLinks.Works(ExpiresAt, RevokedAt, invoiceExists, now);

    /// <summary>Withdraws the link; answers false when it already was (the first revocation's time stays).</summary>
    public bool Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return false;
        }

        RevokedAt = now;
        return true;
    }
}

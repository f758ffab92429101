using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Customers;

/// <summary>What a portal user may see of a customer: everything (billing) or all but money (serviceOnly).</summary>
public enum AccessLevel
{
    Billing,
    ServiceOnly,
}

/// <summary>Where a contact stands with the portal (PRODUCT.md#shared-vocabulary).</summary>
public enum PortalAccessStatus
{
    /// <summary>Not invited, or access revoked.</summary>
    None,

    /// <summary>Invited; the person has not signed in yet.</summary>
    Invited,

    /// <summary>The person has a portal account.</summary>
    Active,
}

/// <summary>
/// An email listed on a customer record as a portal contact. Each such record grants the person with that
/// email access to the customer, at the contact's level (PRODUCT.md#billing-access).
/// </summary>
public sealed class PortalContact : SyncedEntity
{
    public const int MemoMaxLength = 2000;
    public const int NameMaxLength = 200;

    private Guid _customerId;
    private string _customerExternalId = null!;
    private string _email = null!;
    private string? _memo;
    private string? _name;
    private AccessLevel _accessLevel;

    private PortalContact()
    {
    }

    private PortalContact(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public Ref Customer => new(_customerId, _customerExternalId);

    public Guid CustomerId => _customerId;

    public string CustomerExternalId => _customerExternalId;

    /// <summary>Lowercase; the portal user's identity within the tenant.</summary>
    public string Email => _email;

    /// <summary>The name of the person the contact is, such as "Pat Thompson"; emails to them greet them by it. Null when the office recorded none.</summary>
    public string? Name => _name;

    /// <summary>Internal note for the office; never shown to the customer.</summary>
    public string? Memo => _memo;

    public AccessLevel AccessLevel => _accessLevel;

    /// <summary>When this contact was last invited (by the office, or at the person's own request); kept by the portal, not synced.</summary>
    public DateTimeOffset? InvitedAt { get; private set; }

    /// <summary>When the office revoked this contact's portal access; an invitation restores it.</summary>
    public DateTimeOffset? PortalAccessRevokedAt { get; private set; }

    /// <summary>Whether this contact gives the person with its email access to the customer.</summary>
    public bool GrantsAccess => !IsDeleted && PortalAccessRevokedAt is null;

    /// <summary>The contact's portal status, given whether a portal user with its email exists.</summary>
    public PortalAccessStatus StatusWith(bool userExists) =>
        !GrantsAccess ? PortalAccessStatus.None
        : userExists ? PortalAccessStatus.Active
        : InvitedAt is not null ? PortalAccessStatus.Invited
        : PortalAccessStatus.None;

    /// <summary>Records an invitation (restoring revoked access): the office chose to let this person in.</summary>
    public void RecordInvitation(DateTimeOffset now)
    {
        if (IsDeleted)
        {
            throw new DomainException("contact_deleted", "This contact was removed from the customer record.", DomainErrorKind.Conflict);
        }

        if (string.IsNullOrEmpty(_email))
        {
            throw new DomainException("email_required", "The contact has no email address to send an invitation to.");
        }

        InvitedAt = now;
        PortalAccessRevokedAt = null;
    }

    /// <summary>
    /// Records an invitation the person asked for themselves ("request an invitation"): the contact is invited as if the
    /// office had sent it, so the office can resend or revoke it. Unlike <see cref="RecordInvitation"/> it never restores
    /// access the office took away: a contact that grants no access is refused.
    /// </summary>
    public void RecordRequestedInvitation(DateTimeOffset now)
    {
        if (!GrantsAccess)
        {
            throw new DomainException("no_portal_access", "Only a contact with portal access can be invited at the person's request.", DomainErrorKind.Conflict);
        }

        InvitedAt = now;
    }

    /// <summary>Takes away this contact's access to the customer; answers false when it was already revoked.</summary>
    public bool RevokePortalAccess(DateTimeOffset now)
    {
        if (PortalAccessRevokedAt is not null)
        {
            return false;
        }

        PortalAccessRevokedAt = now;
        return true;
    }

    public static PortalContact Create(
        TenantId tenantId, string externalId, Ref customer, string email, string? memo, AccessLevel accessLevel, DateTimeOffset now, string? name = null)
    {
        var contact = new PortalContact(tenantId, externalId, now);
        contact.Update(customer, email, memo, accessLevel, now, name);
        return contact;
    }

    public bool Update(Ref customer, string email, string? memo, AccessLevel accessLevel, DateTimeOffset now, string? name = null)
    {
        var normalized = email.Trim().ToLowerInvariant();
        if (!ContactRules.IsEmail(normalized))
        {
            throw new DomainException("invalid_email", "A portal contact needs a valid email address.");
        }

        if (memo is { Length: > MemoMaxLength })
        {
            throw new DomainException("too_long", $"A memo has at most {MemoMaxLength} characters.");
        }

        if (name?.Trim() is { Length: > NameMaxLength })
        {
            throw new DomainException("too_long", $"A contact's name has at most {NameMaxLength} characters.");
        }

        var changed = SetRef(customer, ref _customerId, ref _customerExternalId);
        changed |= Set(ref _email, normalized);
        changed |= Set(ref _memo, string.IsNullOrWhiteSpace(memo) ? null : memo);
        changed |= Set(ref _name, string.IsNullOrWhiteSpace(name) ? null : name.Trim());
        changed |= Set(ref _accessLevel, accessLevel);
        return Stamp(changed, now);
    }
}

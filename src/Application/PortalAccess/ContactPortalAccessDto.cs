using HeadlessPortal.Domain.Customers;

namespace HeadlessPortal.Application.PortalAccess;

/// <summary>A portal contact of a customer record and where it stands with the portal.</summary>
/// <param name="Id">The contact's id in the back office.</param>
/// <param name="Email">The contact's email: the person's portal identity.</param>
/// <param name="AccessLevel">billing or serviceOnly.</param>
/// <param name="Memo">Internal note for the office; never shown to the customer.</param>
/// <param name="Status">none, invited or active.</param>
/// <param name="InvitedAt">When the contact was last invited: by the office, or by the person asking for an invitation in the portal.</param>
/// <param name="LastSignInAt">When the person last signed in (active contacts).</param>
public sealed record ContactPortalAccessDto(string Id, string Email, AccessLevel AccessLevel, string? Memo, PortalAccessStatus Status, DateTimeOffset? InvitedAt, DateTimeOffset? LastSignInAt)
{
    internal static ContactPortalAccessDto From(PortalContact c, bool userExists, DateTimeOffset? lastSignIn)
    {
        var status = c.StatusWith(userExists);
        return new ContactPortalAccessDto(c.ExternalId, c.Email, c.AccessLevel, c.Memo, status, c.InvitedAt, status == PortalAccessStatus.Active ? lastSignIn : null);
    }
}

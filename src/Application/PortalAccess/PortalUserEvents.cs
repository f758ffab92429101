using System.Text.Json;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Application.PortalAccess;

/// <summary>The outbox events about portal users, for integrators' webhooks.</summary>
public static class PortalUserEvents
{
    /// <summary>A contact was invited to the portal (or the invitation sent again).</summary>
    public const string Invited = "portal_user.invited";

    /// <summary>Someone signed in for the first time: their portal user now exists.</summary>
    public const string Activated = "portal_user.activated";

    public static OutboxMessage InvitedEvent(TenantId tenantId, Guid contactId, string contactExternalId, string customerExternalId, string email, bool resend, DateTimeOffset now) =>
        OutboxMessage.For(tenantId, Invited, JsonSerializer.Serialize(new { contactId, contactExternalId, customerId = customerExternalId, email, resend, invitedAt = now }, JsonSerializerOptions.Web), now);

    public static OutboxMessage ActivatedEvent(TenantId tenantId, Guid portalUserId, string email, string via, DateTimeOffset now) =>
        OutboxMessage.For(tenantId, Activated, JsonSerializer.Serialize(new { portalUserId, email, via, activatedAt = now }, JsonSerializerOptions.Web), now);
}

using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAccess.InviteContact;

/// <summary>Invites a contact to the portal (or sends the invitation again): an email with a 7-day single-use link.</summary>
/// <param name="ContactExternalId">The contact's id in the back office.</param>
/// <param name="Resend">True for "resend": only for a contact already invited.</param>
public sealed record InviteContactCommand(string ContactExternalId, bool Resend) : ITransactionalCommand<Result<ContactPortalAccessDto>>;

internal sealed class InviteContactHandler(IAppDbContext db, PortalEmails emails, IClock clock, IAuditLog audit)
    : ICommandHandler<InviteContactCommand, Result<ContactPortalAccessDto>>
{
    public async ValueTask<Result<ContactPortalAccessDto>> Handle(InviteContactCommand request, CancellationToken cancellationToken)
    {
        var contact = await db.Set<PortalContact>().SingleOrDefaultAsync(c => c.ExternalId == request.ContactExternalId, cancellationToken);
        if (contact is null)
        {
            return Error.NotFound("contact");
        }

        var user = await db.Set<PortalUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Email == contact.Email, cancellationToken);
        var status = contact.StatusWith(user is not null);
        if (request.Resend && status != PortalAccessStatus.Invited)
        {
            return Error.Conflict("not_invited", status == PortalAccessStatus.Active
                ? "This contact already uses the portal; nothing to resend."
                : "This contact has no open invitation; invite them instead.");
        }

        if (!request.Resend && status == PortalAccessStatus.Active)
        {
            return Error.Conflict("already_active", "This contact already uses the portal.");
        }

        contact.RecordInvitation(clock.UtcNow);

        // A new invitation replaces the earlier ones: only the latest link works.
        var now = clock.UtcNow;
        await db.Set<PortalToken>().Where(t => t.Purpose == PortalTokenPurpose.Invitation && t.ContactId == contact.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        await emails.QueueAsync(PortalTokenPurpose.Invitation, contact.Email, contact, messageId: null, cancellationToken);
        audit.Record(contact.TenantId, request.Resend ? "portal_access.invitation_resent" : "portal_access.invited", $"contact:{contact.ExternalId}", null, new { contact.Email });
        db.OutboxMessages.Add(PortalUserEvents.InvitedEvent(contact.TenantId, contact.Id, contact.ExternalId, contact.CustomerExternalId, contact.Email, request.Resend, now));
        await db.SaveChangesAsync(cancellationToken);
        return ContactPortalAccessDto.From(contact, user is not null, user?.LastSignInAt);
    }
}

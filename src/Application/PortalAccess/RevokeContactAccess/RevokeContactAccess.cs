using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAccess.RevokeContactAccess;

/// <summary>Revokes a contact's portal access: the person no longer sees that customer, at once, in every session.</summary>
/// <param name="ContactExternalId">The contact's id in the back office.</param>
public sealed record RevokeContactAccessCommand(string ContactExternalId) : ITransactionalCommand<Result<ContactPortalAccessDto>>;

internal sealed class RevokeContactAccessHandler(IAppDbContext db, IClock clock, IAuditLog audit, PortalCustomerAccess access)
    : ICommandHandler<RevokeContactAccessCommand, Result<ContactPortalAccessDto>>
{
    public async ValueTask<Result<ContactPortalAccessDto>> Handle(RevokeContactAccessCommand request, CancellationToken cancellationToken)
    {
        var contact = await db.Set<PortalContact>().SingleOrDefaultAsync(c => c.ExternalId == request.ContactExternalId, cancellationToken);
        if (contact is null)
        {
            return Error.NotFound("contact");
        }

        var now = clock.UtcNow;
        var user = await db.Set<PortalUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Email == contact.Email, cancellationToken);
        if (contact.RevokePortalAccess(now))
        {
            // Outstanding invitations for this contact stop working too.
            await db.Set<PortalToken>().Where(t => t.ContactId == contact.Id && t.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
            audit.Record(contact.TenantId, "portal_access.revoked", $"contact:{contact.ExternalId}", null, new { contact.Email });
            await db.SaveChangesAsync(cancellationToken);

            // Access is worked out per request, so the customer is gone from every session already; a user left
            // with no customer at all is signed out.
            if (user is not null && !await access.AnyForEmailAsync(user.Email, cancellationToken))
            {
                await PortalSessions.EndUserSessionsAsync(db, clock, user.Id, SessionEndReason.AccessRevoked, keep: null, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return ContactPortalAccessDto.From(contact, user is not null, user?.LastSignInAt);
    }
}

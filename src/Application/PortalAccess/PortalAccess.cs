using Mediator;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Application.PortalAuth;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.PortalUsers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PortalAccess;

/// <summary>A portal contact of a customer record and where it stands with the portal.</summary>
/// <param name="Id">The contact's id in the back office.</param>
/// <param name="Email">The contact's email: the person's portal identity.</param>
/// <param name="AccessLevel">billing or serviceOnly.</param>
/// <param name="Memo">Internal note for the office; never shown to the customer.</param>
/// <param name="Status">none, invited or active.</param>
/// <param name="InvitedAt">When the office last invited the contact.</param>
/// <param name="LastSignInAt">When the person last signed in (active contacts).</param>
public sealed record ContactPortalAccessDto(string Id, string Email, AccessLevel AccessLevel, string? Memo, PortalAccessStatus Status, DateTimeOffset? InvitedAt, DateTimeOffset? LastSignInAt);

/// <summary>Portal access on one customer record.</summary>
/// <param name="CustomerId">The customer's id in the back office.</param>
/// <param name="Contacts">Its portal contacts.</param>
/// <param name="PortalLink">The customer's active portal link, if one was created (its token is shown only when created).</param>
public sealed record CustomerPortalAccessDto(string CustomerId, IReadOnlyList<ContactPortalAccessDto> Contacts, PortalLinkStateDto? PortalLink);

/// <summary>A customer's portal link, without its token.</summary>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="LockedUntil">Set while locked after too many wrong digits.</param>
public sealed record PortalLinkStateDto(DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LockedUntil);

/// <summary>Lists the portal contacts of a customer record with their status.</summary>
/// <param name="CustomerExternalId">The customer's id in the back office.</param>
public sealed record GetCustomerPortalAccessQuery(string CustomerExternalId) : IQuery<Result<CustomerPortalAccessDto>>;

internal sealed class GetCustomerPortalAccessHandler(IAppDbContext db) : IQueryHandler<GetCustomerPortalAccessQuery, Result<CustomerPortalAccessDto>>
{
    public async ValueTask<Result<CustomerPortalAccessDto>> Handle(GetCustomerPortalAccessQuery request, CancellationToken cancellationToken)
    {
        var customer = await db.Set<Customer>().AsNoTracking().Where(c => c.ExternalId == request.CustomerExternalId).Select(c => new { c.Id }).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return Error.NotFound("customer");
        }

        var contacts = await db.Set<PortalContact>().AsNoTracking().Where(c => c.CustomerId == customer.Id).OrderBy(c => c.ExternalId).ToListAsync(cancellationToken);
        var emails = contacts.Select(c => c.Email).Distinct().ToList();
        var users = await db.Set<PortalUser>().AsNoTracking().Where(u => emails.Contains(u.Email))
            .ToDictionaryAsync(u => u.Email, u => u.LastSignInAt, cancellationToken);
        var link = await db.Set<CustomerPortalLink>().AsNoTracking().Where(l => l.CustomerId == customer.Id && l.RevokedAt == null)
            .OrderByDescending(l => l.Id).FirstOrDefaultAsync(cancellationToken);

        return new CustomerPortalAccessDto(
            request.CustomerExternalId,
            contacts.Select(c => ToDto(c, users.TryGetValue(c.Email, out var lastSignIn), lastSignIn)).ToList(),
            link is null ? null : new PortalLinkStateDto(link.CreatedAt, link.CreatedBy, link.LockedUntil));
    }

    internal static ContactPortalAccessDto ToDto(PortalContact c, bool userExists, DateTimeOffset? lastSignIn)
    {
        var status = c.StatusWith(userExists);
        return new ContactPortalAccessDto(c.ExternalId, c.Email, c.AccessLevel, c.Memo, status, c.InvitedAt, status == PortalAccessStatus.Active ? lastSignIn : null);
    }
}

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
        await db.SaveChangesAsync(cancellationToken);
        return GetCustomerPortalAccessHandler.ToDto(contact, user is not null, user?.LastSignInAt);
    }
}

/// <summary>Revokes a contact's portal access: the person no longer sees that customer, at once, in every session.</summary>
/// <param name="ContactExternalId">The contact's id in the back office.</param>
public sealed record RevokeContactAccessCommand(string ContactExternalId) : ITransactionalCommand<Result<ContactPortalAccessDto>>;

internal sealed class RevokeContactAccessHandler(IAppDbContext db, IClock clock, IAuditLog audit, PortalCustomerAccess access, PortalSessionStarter sessions)
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
                await sessions.EndUserSessionsAsync(user.Id, SessionEndReason.AccessRevoked, keep: null, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return GetCustomerPortalAccessHandler.ToDto(contact, user is not null, user?.LastSignInAt);
    }
}

/// <summary>A newly created portal link: the only time its URL is shown.</summary>
/// <param name="Url">The link to text to the customer; opening it asks for the last four digits of a phone number on the customer record.</param>
/// <param name="Token">The token in the link.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record CreatedPortalLinkDto(string Url, string Token, DateTimeOffset CreatedAt);

/// <summary>Creates the customer's portal link, replacing any earlier one.</summary>
/// <param name="CustomerExternalId">The customer's id in the back office.</param>
public sealed record CreatePortalLinkCommand(string CustomerExternalId) : ITransactionalCommand<Result<CreatedPortalLinkDto>>;

internal sealed class CreatePortalLinkHandler(IAppDbContext db, ISecrets secrets, IClock clock, ICurrentActor actor, IAuditLog audit, PortalEmails emails, IOptions<PortalOptions> options)
    : ICommandHandler<CreatePortalLinkCommand, Result<CreatedPortalLinkDto>>
{
    public const string TokenPrefix = "pl_";

    public async ValueTask<Result<CreatedPortalLinkDto>> Handle(CreatePortalLinkCommand request, CancellationToken cancellationToken)
    {
        var customer = await db.Set<Customer>().AsNoTracking().SingleOrDefaultAsync(c => c.ExternalId == request.CustomerExternalId, cancellationToken);
        if (customer is null)
        {
            return Error.NotFound("customer");
        }

        if (customer.Phones.Count == 0)
        {
            return Error.Unprocessable("phone_required", "The customer record has no phone number, so a portal link could not be verified; add one first.");
        }

        var now = clock.UtcNow;
        foreach (var earlier in await db.Set<CustomerPortalLink>().Where(l => l.CustomerId == customer.Id && l.RevokedAt == null).ToListAsync(cancellationToken))
        {
            earlier.Revoke(now);
        }

        var token = secrets.NewSecret(TokenPrefix);
        db.Set<CustomerPortalLink>().Add(CustomerPortalLink.Create(customer.TenantId, customer.Id, secrets.Hash(token), actor.Id, now));
        audit.Record(customer.TenantId, "portal_link.created", $"customer:{customer.ExternalId}", null, null);
        await db.SaveChangesAsync(cancellationToken);
        var url = PortalEmails.Link(await emails.PortalUrlAsync(customer.TenantId, cancellationToken), options.Value.Links.PortalLinkPath, token);
        return new CreatedPortalLinkDto(url, token, now);
    }
}

/// <summary>Revokes the customer's portal link; sessions started with it end too.</summary>
/// <param name="CustomerExternalId">The customer's id in the back office.</param>
public sealed record RevokePortalLinkCommand(string CustomerExternalId) : ITransactionalCommand<Result<bool>>;

internal sealed class RevokePortalLinkHandler(IAppDbContext db, IClock clock, IAuditLog audit) : ICommandHandler<RevokePortalLinkCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(RevokePortalLinkCommand request, CancellationToken cancellationToken)
    {
        var customer = await db.Set<Customer>().AsNoTracking().Where(c => c.ExternalId == request.CustomerExternalId).Select(c => new { c.Id, c.TenantId }).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return Error.NotFound("customer");
        }

        var now = clock.UtcNow;
        var links = await db.Set<CustomerPortalLink>().Where(l => l.CustomerId == customer.Id && l.RevokedAt == null).ToListAsync(cancellationToken);
        if (links.Count == 0)
        {
            return Error.NotFound("portal link");
        }

        links.ForEach(l => l.Revoke(now));
        foreach (var session in await db.Set<PortalSession>().Where(s => s.LinkCustomerId == customer.Id && s.EndedAt == null).ToListAsync(cancellationToken))
        {
            session.End(SessionEndReason.AccessRevoked, now);
        }

        audit.Record(customer.TenantId, "portal_link.revoked", $"customer:{request.CustomerExternalId}", null, null);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

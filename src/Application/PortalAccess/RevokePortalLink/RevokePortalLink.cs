using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAccess.RevokePortalLink;

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

using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAccess.GetCustomerPortalAccess;

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
            contacts.Select(c => ContactPortalAccessDto.From(c, users.TryGetValue(c.Email, out var lastSignIn), lastSignIn)).ToList(),
            link is null ? null : new PortalLinkStateDto(link.CreatedAt, link.CreatedBy, link.LockedUntil));
    }
}

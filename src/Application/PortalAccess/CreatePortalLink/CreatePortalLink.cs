using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PortalAccess.CreatePortalLink;

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

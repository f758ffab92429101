using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.EstimateLinks.CreateEstimateLink;

/// <summary>Makes an estimate link for one or several proposals of a customer.</summary>
/// <param name="CustomerExternalId">The customer's id in the back office.</param>
/// <param name="ProposalIds">The back office's ids of the customer's proposals the link shows, 1 to 20.</param>
/// <param name="ExpiresInDays">Days it works; the configured default when not given.</param>
public sealed record CreateEstimateLinkCommand(string CustomerExternalId, IReadOnlyList<string>? ProposalIds, int? ExpiresInDays)
    : ITransactionalCommand<Result<CreatedEstimateLinkDto>>;

internal sealed class CreateEstimateLinkHandler(
    IAppDbContext db, EstimateLinkIssuer issuer, IClock clock, ICurrentActor actor, IAuditLog audit, IOptions<EstimateLinkOptions> options)
    : ICommandHandler<CreateEstimateLinkCommand, Result<CreatedEstimateLinkDto>>
{
    public async ValueTask<Result<CreatedEstimateLinkDto>> Handle(CreateEstimateLinkCommand request, CancellationToken cancellationToken)
    {
        var customer = await db.Set<Customer>().AsNoTracking().Where(c => c.ExternalId == request.CustomerExternalId)
            .Select(c => new { c.Id, c.ExternalId, c.TenantId }).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return Error.NotFound("customer");
        }

        var ids = request.ProposalIds!.ToList();
        var found = await db.Set<Proposal>().AsNoTracking().Where(p => ids.Contains(p.ExternalId))
            .Select(p => new { p.Id, p.ExternalId, p.CustomerId }).ToListAsync(cancellationToken);
        var byExternalId = found.ToDictionary(p => p.ExternalId, StringComparer.Ordinal);

        // Another customer's proposal answers like an unknown one: the office learns nothing about records it did not name right.
        var foreign = ids.Where(id => !byExternalId.TryGetValue(id, out var p) || p.CustomerId != customer.Id).ToList();
        if (foreign.Count > 0)
        {
            return Error.Unprocessable(
                EstimateLink.ProposalOfAnotherCustomer, $"Not a proposal of customer {customer.ExternalId}: {string.Join(", ", foreign)}.");
        }

        var now = clock.UtcNow;
        var days = request.ExpiresInDays ?? options.Value.DefaultDays;
        var proposals = ids.Select(id => byExternalId[id]).Select(p => (new Ref(p.Id, p.ExternalId), p.CustomerId)).ToList();
        var issued = await issuer.IssueAsync(customer.TenantId, new Ref(customer.Id, customer.ExternalId), proposals, actor.Id, days, now, sourceMessageId: null, cancellationToken);
        var link = issued.Link;
        audit.Record(customer.TenantId, "estimate_link.created", $"customer:{customer.ExternalId}", null, new { link.Id, ProposalIds = ids, link.ExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedEstimateLinkDto(link.Id, link.CustomerId, link.CustomerExternalId, EstimateLinkDto.Linked(link), issued.Url, issued.Token, link.ExpiresAt, link.CreatedAt);
    }
}

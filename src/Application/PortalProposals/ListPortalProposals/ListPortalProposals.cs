using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalProposals.ListPortalProposals;

/// <summary>
/// The proposals of the customers the signed-in user has billing access to (none while estimate approval is off): open
/// first, then the newest. Filters: status (open, accepted, declined, expired), a Bill-To customer, a location.
/// </summary>
public sealed record ListPortalProposalsQuery(string? Status, Guid? BillToCustomerId, Guid? LocationId, int? Limit, string? After) : IQuery<CursorPage<PortalProposalListItemDto>>;

internal sealed class ListPortalProposalsHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<ListPortalProposalsQuery, CursorPage<PortalProposalListItemDto>>
{
    public async ValueTask<CursorPage<PortalProposalListItemDto>> Handle(ListPortalProposalsQuery request, CancellationToken cancellationToken)
    {
        var customers = (await viewer.CustomersAsync(cancellationToken))
            .Where(c => c.AccessLevel == AccessLevel.Billing && (request.BillToCustomerId is null || c.Id == request.BillToCustomerId))
            .ToDictionary(c => c.Id, c => c.Name);
        var context = await viewer.ContextAsync(cancellationToken);
        if (customers.Count == 0 || !context.Settings.Features.EstimateApproval)
        {
            return new CursorPage<PortalProposalListItemDto>([], null, false);
        }

        // A customer's proposals are few (the estimates of one household or business): those of all the user's customers
        // are read in one statement by the (tenant, customer) index, with their decision, then ordered in memory, since
        // the status depends on the decision and on "today" in the company's zone.
        var customerIds = customers.Keys.ToList();
        var query = db.Set<Proposal>().AsNoTracking().Where(p => customerIds.Contains(p.CustomerId));
        if (request.LocationId is { } locationId)
        {
            query = query.Where(p => p.LocationId == locationId);
        }

        var rows = await query.ToListAsync(cancellationToken);

        ProposalStatus StatusOf(Proposal p) => p.Decision is { } decision
            ? decision.Outcome == ProposalOutcome.Accepted ? ProposalStatus.Accepted : ProposalStatus.Declined
            : p.EffectiveStatus(context.Now, context.Zone);

        var listed = rows.Select(p => (Proposal: p, Status: StatusOf(p)))
            .Where(r => request.Status is null || PortalProposalStatus.Of(r.Status) == request.Status)
            .Select(r => (r.Proposal, r.Status, Key: new ProposalKey(r.Status == ProposalStatus.Open, r.Proposal.CreatedAt.UtcTicks, r.Proposal.Id)))
            .OrderBy(r => r.Key)
            .ToList();
        if (ProposalKey.TryDecode(request.After, out var after))
        {
            listed = listed.Where(r => r.Key.CompareTo(after.Value) > 0).ToList();
        }

        var limit = request.Limit ?? PageLimits.Default;
        var hasMore = listed.Count > limit;
        var page = listed.Take(limit).ToList();
        return new CursorPage<PortalProposalListItemDto>(
            page.Select(r => new PortalProposalListItemDto(
                r.Proposal.Id, r.Proposal.Number, r.Status, r.Proposal.Summary,
                new PortalProposalRefDto(r.Proposal.CustomerId, customers[r.Proposal.CustomerId]), r.Proposal.LocationId,
                DateOnly.FromDateTime(r.Proposal.CreatedAt.In(context.Zone).DateTime), r.Proposal.ExpiresOn, r.Proposal.Options.Count,
                new MoneyDocument(r.Proposal.Options.Min(o => o.Total), r.Proposal.Currency), r.Status == ProposalStatus.Open)).ToList(),
            hasMore ? page[^1].Key.Encode() : null,
            hasMore);
    }
}

/// <summary>The sort key of the portal's proposal list: open first, then the newest, then the id (descending).</summary>
internal readonly record struct ProposalKey(bool Open, long CreatedTicks, Guid Id) : IComparable<ProposalKey>
{
    private const int Length = 1 + 8 + 16;

    public int CompareTo(ProposalKey other) =>
        Open != other.Open ? (Open ? -1 : 1)
        : CreatedTicks != other.CreatedTicks ? other.CreatedTicks.CompareTo(CreatedTicks)
        : other.Id.CompareTo(Id);

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Open ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], CreatedTicks);
        Id.TryWriteBytes(bytes[9..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? cursor, [NotNullWhen(true)] out ProposalKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(cursor) || !Base64Url.IsValid(cursor, out var length) || length != Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        Base64Url.DecodeFromChars(cursor, bytes);
        if (bytes[0] > 1)
        {
            return false;
        }

        key = new ProposalKey(bytes[0] == 1, BinaryPrimitives.ReadInt64BigEndian(bytes[1..]), new Guid(bytes[9..], bigEndian: true));
        return true;
    }
}

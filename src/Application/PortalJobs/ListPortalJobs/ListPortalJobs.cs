using HeadlessPortal.Application.Bookings;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;
using Mediator;

namespace HeadlessPortal.Application.PortalJobs.ListPortalJobs;

/// <summary>One page of a job tab for the signed-in user's customers.</summary>
/// <param name="Tab">inProgress, onHold, upcoming, completed or canceled.</param>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListPortalJobsQuery(string? Tab, int? Limit, string? After) : IQuery<PortalJobPage>, IPageRequest
{
    /// <summary>The tab names of the contract (camelCase).</summary>
    public static readonly IReadOnlyDictionary<string, JobTab> Tabs = new Dictionary<string, JobTab>(StringComparer.OrdinalIgnoreCase)
    {
        ["inProgress"] = JobTab.InProgress,
        ["onHold"] = JobTab.OnHold,
        ["upcoming"] = JobTab.Upcoming,
        ["completed"] = JobTab.Completed,
        ["canceled"] = JobTab.Canceled,
    };
}

internal sealed class ListPortalJobsHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<ListPortalJobsQuery, PortalJobPage>
{
    public async ValueTask<PortalJobPage> Handle(ListPortalJobsQuery request, CancellationToken cancellationToken)
    {
        var tab = ListPortalJobsQuery.Tabs[request.Tab!];
        var context = await viewer.ContextAsync(cancellationToken);
        var customers = await viewer.CustomersAsync(cancellationToken);
        var customerIds = customers.Select(c => c.Id).ToList();
        if (customerIds.Count == 0 || !JobTabs.IsTabShown(tab, context.Settings.Features))
        {
            return new PortalJobPage([], null, false, [], []);
        }

        var limit = request.Limit ?? PageLimits.Default;
        var firstPage = !Cursor.TryDecode(request.After, out var after);
        var (jobPage, dbContext) = JobTabQueries.Pages[tab].For(db);
        var rows = await jobPage(dbContext, customerIds, context.Now.UtcTicks, firstPage, after ?? Guid.Empty, limit + 1).ToListAsync(cancellationToken);
        var page = CursorPage<Job>.FromRows(rows, limit, j => j.Id, j => j);
        var items = await PortalJobReader.ListItemsAsync(db, context, customers, page.Data, tab, cancellationToken);

        var firstUpcoming = tab == JobTab.Upcoming && request.After is null;
        var visits = firstUpcoming ? await UnscheduledVisitsAsync(context, customers, cancellationToken) : [];
        var booked = firstUpcoming ? (await BookedAppointments.UpcomingAsync(db, viewer, context, customerIds, cancellationToken)).Take(BookedAppointments.MaxBookedAppointments).ToList() : [];
        return new PortalJobPage(items, page.NextCursor, page.HasMore, visits, booked);
    }

    private async Task<IReadOnlyList<PortalUnscheduledVisit>> UnscheduledVisitsAsync(PortalContext context, IReadOnlyList<AccessibleCustomer> customers, CancellationToken ct)
    {
        if (!context.Settings.Features.ShowUnscheduledAgreementVisits)
        {
            return [];
        }

        // Only the user's own customers' active agreements are read: a handful of rows, whatever the table's size, and
        // of each only the visits (not its equipment and invoices).
        var customerIds = customers.Select(c => c.Id).ToList();
        var agreements = await ActiveAgreementVisits.ReadAsync(db, customerIds, ct);
        var names = customers.ToDictionary(c => c.Id, c => c.Name);
        return agreements
            .SelectMany(a => a.Visits
                .Where(v => UnscheduledAgreementVisits.IsShown(context.Settings.Features, a.Status, v, context.Today))
                .Select(v => new PortalUnscheduledVisit(a.Id, a.Name, new PortalCustomerRef(a.CustomerId, names[a.CustomerId]), v.Name, v.TargetDate, context.Account.Phone)))
            .OrderBy(v => v.TargetDate).ThenBy(v => v.AgreementId).ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
    }
}

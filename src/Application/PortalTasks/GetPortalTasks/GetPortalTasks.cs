using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Bookings;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Persistence;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalInvoices;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Reviews;
using HeadlessPortal.Domain.Work;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalTasks.GetPortalTasks;

/// <summary>"My tasks": what the signed-in user has to pay, expect, sign, rate and schedule.</summary>
public sealed record GetPortalTasksQuery : IQuery<PortalTasksDto>;

internal sealed class GetPortalTasksHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<GetPortalTasksQuery, PortalTasksDto>
{
    /// <summary>The most items of one kind a task list shows; its count still says how many there are.</summary>
    public const int MaxItems = 20;

    /// <summary>The open appointments of the customers' jobs; the future ones are picked after (Start is text on SQLite).</summary>
    private static readonly CompiledQuery<Func<DbContext, List<Guid>, IAsyncEnumerable<AppointmentRow>>> OpenAppointments = new(() => EF.CompileAsyncQuery(
        (DbContext db, List<Guid> customerIds) =>
            from job in db.Set<Job>().AsNoTracking()
            where customerIds.Contains(job.CustomerId)
            join appointment in db.Set<Appointment>().AsNoTracking() on job.Id equals appointment.JobId
            where appointment.Status != AppointmentStatus.Completed && appointment.Status != AppointmentStatus.Canceled
            select new AppointmentRow(
                appointment.Id, appointment.JobId, job.Number, job.Summary, job.CustomerId, appointment.Status,
                appointment.Start, appointment.End, appointment.ArrivalWindowStart, appointment.ArrivalWindowEnd)));

    /// <summary>Open, not decided by the customer, and not past its last day; only what the list shows, not the terms.</summary>
    private static readonly CompiledQuery<Func<DbContext, List<Guid>, DateOnly, IAsyncEnumerable<ProposalRow>>> ProposalsToSign = new(() => EF.CompileAsyncQuery(
        (DbContext db, List<Guid> billingIds, DateOnly today) =>
            db.Set<Proposal>().AsNoTracking()
                .Where(p => billingIds.Contains(p.CustomerId) && p.Status == ProposalStatus.Open && p.Decision == null && (p.ExpiresOn == null || p.ExpiresOn >= today))
                .Select(p => new ProposalRow(p.Id, p.Number, p.Summary, p.CustomerId, p.ExpiresOn, EF.Property<List<ProposalOption>>(p, Proposal.OptionsField)))));

    public async ValueTask<PortalTasksDto> Handle(GetPortalTasksQuery request, CancellationToken cancellationToken)
    {
        var customers = await viewer.CustomersAsync(cancellationToken);
        var all = customers.Select(c => c.Id).ToList();
        var billing = customers.Where(c => c.AccessLevel == AccessLevel.Billing).ToDictionary(c => c.Id, c => c.Name);
        var context = await viewer.ContextAsync(cancellationToken);
        var settings = context.Settings;

        return new PortalTasksDto(
            await InvoicesAsync(billing, settings, cancellationToken),
            await AppointmentsAsync(all, settings, context.Zone, context.Now, cancellationToken),
            await ProposalsAsync(billing.Keys.ToList(), settings, context.Today, cancellationToken),
            await ReviewPromptsAsync(all, context, cancellationToken),
            await AgreementVisitsAsync(all, settings, context.Today, cancellationToken),
            await BookedAsync(all, context, cancellationToken));
    }

    private async Task<InvoiceTaskList> InvoicesAsync(Dictionary<Guid, string> billing, Domain.Portal.PortalSettings settings, CancellationToken ct)
    {
        if (billing.Count == 0)
        {
            return new InvoiceTaskList(0, []);
        }

        var ids = billing.Keys.ToList();
        var rows = await VisibleInvoices.ReadAsync(db, ids, settings, PortalInvoiceStatus.Open, null, MaxItems, ct);
        if (rows.Count == 0)
        {
            return new InvoiceTaskList(0, []);
        }

        // Fewer rows than the list shows are all of them; only a full list needs the count of the rest.
        var count = rows.Count < MaxItems ? rows.Count : (await VisibleInvoices.OpenBalancesAsync(db, ids, settings, ct)).Values.Sum(v => v.Count);
        var accountConnected = await viewer.PaymentAccountConnectedAsync(ct);
        return new InvoiceTaskList(
            count,
            rows.Select(r =>
            {
                var payable = PayableNow.Of(settings, accountConnected, r.Balance, r.PaymentHold, r.Currency);
                return new InvoiceTaskDto(r.Id, r.Number, r.IssueDate, r.DueDate, new InvoiceBillToDto(r.BillToId, billing[r.BillToId]),
                    new MoneyDocument(r.Balance, r.Currency), payable.AmountPending, payable.PayableAmount, payable.Status.IsPayable, payable.Status.Reason);
            }).ToList());
    }

    private async Task<AppointmentTaskList> AppointmentsAsync(
        List<Guid> customerIds, Domain.Portal.PortalSettings settings, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        // Start is kept as text on SQLite, which cannot compare offsets: the open appointments of the user's own
        // customers' jobs are read (few), and the future ones picked here. One statement for all the customers, with no
        // ORDER BY, so both engines read each customer's jobs through the (TenantId, CustomerId, Id) index.
        var (openAppointments, context) = OpenAppointments.For(db);
        var open = await openAppointments(context, customerIds).ToListAsync(ct);

        var upcoming = open.Where(a => a.Start > now).OrderBy(a => a.Start).ThenBy(a => a.Id).ToList();
        var times = settings.AppointmentTimeDisplay == AppointmentTimeDisplay.ArrivalWindow;
        return new AppointmentTaskList(
            upcoming.Count,
            upcoming.Take(MaxItems).Select(a => new AppointmentTaskDto(
                a.Id, a.JobId, a.Number, a.Summary, a.CustomerId, a.Status, DateOnly.FromDateTime(a.Start.In(zone).DateTime),
                times ? a.Start.In(zone) : null, times ? a.End.In(zone) : null,
                times ? a.ArrivalWindowStart.In(zone) : null, times ? a.ArrivalWindowEnd.In(zone) : null)).ToList());
    }

    private async Task<BookedAppointmentTaskList> BookedAsync(List<Guid> customerIds, PortalContext context, CancellationToken ct)
    {
        var booked = await BookedAppointments.UpcomingAsync(db, viewer, context, customerIds, ct);
        return new BookedAppointmentTaskList(booked.Count, booked.Take(BookedAppointments.MaxBookedAppointments).ToList());
    }

    private async Task<ReviewPromptTaskList> ReviewPromptsAsync(List<Guid> customerIds, PortalContext context, CancellationToken ct)
    {
        if (!context.Settings.Features.ReviewCollection || customerIds.Count == 0)
        {
            return new ReviewPromptTaskList(0, []);
        }

        // The open prompts of the user's customers (few rows, by the customer and expiry index) whose job they have not reviewed.
        var prompts = await (
            from prompt in db.Set<ReviewPrompt>().AsNoTracking()
            where customerIds.Contains(prompt.CustomerId) && prompt.ExpiresAt > context.Now
               && !db.Set<Review>().Any(r => r.JobId == prompt.JobId && r.CustomerId == prompt.CustomerId)
            join job in db.Set<Job>().AsNoTracking() on prompt.JobId equals job.Id
            select new ReviewPromptRow(job.Id, job.Number, job.Summary, job.CustomerId, prompt.OpenedAt, prompt.ExpiresAt)).ToListAsync(ct);

        var items = prompts.OrderByDescending(p => p.OpenedAt).ThenByDescending(p => p.JobId).Take(MaxItems)
            .Select(p => new ReviewPromptDto(p.JobId, p.Number, p.Summary, p.CustomerId, p.OpenedAt.In(context.Zone), p.ExpiresAt.In(context.Zone), $"/v1/portal/jobs/{p.JobId}/review"))
            .ToList();
        return new ReviewPromptTaskList(prompts.Count, items);
    }

    private async Task<ProposalTaskList> ProposalsAsync(List<Guid> billingIds, Domain.Portal.PortalSettings settings, DateOnly today, CancellationToken ct)
    {
        // Without estimate approval in the portal nothing can be signed there, so nothing awaits a signature.
        if (billingIds.Count == 0 || !settings.Features.EstimateApproval)
        {
            return new ProposalTaskList(0, []);
        }

        // Open, not decided by the customer, and not past its last day in the company's time zone. Only what the list
        // shows is read: not the terms, nor the other columns of the row.
        var (proposalsToSign, context) = ProposalsToSign.For(db);
        var proposals = await proposalsToSign(context, billingIds, today).ToListAsync(ct);

        var count = proposals.Count;
        var items = proposals.OrderByDescending(p => p.Id).Take(MaxItems).ToList();
        return new ProposalTaskList(count, items.Select(p => new ProposalTaskDto(p.Id, p.Number, p.Summary, p.CustomerId, p.Options.Count, p.ExpiresOn, PortalProposals.PortalProposalDetails.PathOf(p.Id))).ToList());
    }

    private async Task<AgreementVisitTaskList> AgreementVisitsAsync(List<Guid> customerIds, Domain.Portal.PortalSettings settings, DateOnly today, CancellationToken ct)
    {
        if (!UnscheduledAgreementVisits.Shown(settings.Features) || !settings.VisibleAgreementStatuses.Contains(AgreementStatus.Active))
        {
            return new AgreementVisitTaskList(0, []);
        }

        // Only what the tasks need: the visits, not the agreement's equipment and invoices.
        var agreements = await ActiveAgreementVisits.ReadAsync(db, customerIds, ct);

        var visits = agreements
            .SelectMany(a => a.Visits.Where(v => UnscheduledAgreementVisits.IsShown(settings.Features, a.Status, v, today))
                .Select(v => new AgreementVisitTaskDto(a.Id, a.Name, a.CustomerId, v.Name, v.TargetDate)))
            .OrderBy(v => v.TargetDate).ThenBy(v => v.AgreementName, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.VisitName, StringComparer.Ordinal)
            .ToList();
        return new AgreementVisitTaskList(visits.Count, visits.Take(MaxItems).ToList());
    }
}

internal sealed record ProposalRow(Guid Id, string Number, string? Summary, Guid CustomerId, DateOnly? ExpiresOn, List<ProposalOption> Options);

internal sealed record ReviewPromptRow(Guid JobId, string Number, string? Summary, Guid CustomerId, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt);

internal sealed record AppointmentRow(
    Guid Id, Guid JobId, string Number, string? Summary, Guid CustomerId, AppointmentStatus Status,
    DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? ArrivalWindowStart, DateTimeOffset? ArrivalWindowEnd);

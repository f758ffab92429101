using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Bookings;
using HeadlessPortal.Application.PortalInvoices;
using HeadlessPortal.Domain.Work;

namespace HeadlessPortal.Application.PortalTasks;

/// <summary>One kind of task: how many there are and the first of them.</summary>
/// <param name="Count">How many tasks of this kind there are in all.</param>
/// <param name="Items">The first ones (at most 20), in the order the list describes.</param>
public sealed record InvoiceTaskList(int Count, IReadOnlyList<InvoiceTaskDto> Items);

/// <summary>One kind of task: how many there are and the first of them.</summary>
/// <param name="Count">How many tasks of this kind there are in all.</param>
/// <param name="Items">The first ones (at most 20), in the order the list describes.</param>
public sealed record AppointmentTaskList(int Count, IReadOnlyList<AppointmentTaskDto> Items);

/// <summary>One kind of task: how many there are and the first of them.</summary>
/// <param name="Count">How many tasks of this kind there are in all.</param>
/// <param name="Items">The first ones (at most 20), in the order the list describes.</param>
public sealed record BookedAppointmentTaskList(int Count, IReadOnlyList<PortalBookedAppointmentDto> Items);

/// <summary>One kind of task: how many there are and the first of them.</summary>
/// <param name="Count">How many tasks of this kind there are in all.</param>
/// <param name="Items">The first ones (at most 20), in the order the list describes.</param>
public sealed record ProposalTaskList(int Count, IReadOnlyList<ProposalTaskDto> Items);

/// <summary>One kind of task: how many there are and the first of them.</summary>
/// <param name="Count">How many tasks of this kind there are in all.</param>
/// <param name="Items">The first ones (at most 20), in the order the list describes.</param>
public sealed record ReviewPromptTaskList(int Count, IReadOnlyList<ReviewPromptDto> Items);

/// <summary>One kind of task: how many there are and the first of them.</summary>
/// <param name="Count">How many tasks of this kind there are in all.</param>
/// <param name="Items">The first ones (at most 20), in the order the list describes.</param>
public sealed record AgreementVisitTaskList(int Count, IReadOnlyList<AgreementVisitTaskDto> Items);

/// <summary>An invoice with a balance the user can pay.</summary>
/// <param name="Id">The invoice's id.</param>
/// <param name="Number">The number printed on the invoice.</param>
/// <param name="IssueDate">When it was issued.</param>
/// <param name="DueDate">When payment is due, when the company set one.</param>
/// <param name="BillTo">Who it is billed to.</param>
/// <param name="Balance">What is due.</param>
/// <param name="AmountPending">What online payments under way (such as a bank debit still processing) hold of the balance: paid, not settled yet.</param>
/// <param name="PayableAmount">What can be paid online now: the balance less what is pending; zero when it cannot be paid online now.</param>
/// <param name="Payable">Whether it can be paid in the portal now.</param>
/// <param name="Reason">Why not (payments_disabled, payment_in_progress); null when payable.</param>
public sealed record InvoiceTaskDto(
    Guid Id, string Number, DateOnly IssueDate, DateOnly? DueDate, InvoiceBillToDto BillTo, MoneyDocument Balance, MoneyDocument AmountPending, MoneyDocument PayableAmount,
    bool Payable, string? Reason);

/// <summary>A coming visit of a technician.</summary>
/// <param name="Id">The appointment's id.</param>
/// <param name="JobId">Its job.</param>
/// <param name="JobNumber">The job number.</param>
/// <param name="JobSummary">The work planned, in the company's words.</param>
/// <param name="CustomerId">The customer the job is for.</param>
/// <param name="Status">scheduled, dispatched, enRoute, working or onHold.</param>
/// <param name="Date">The day, in the company's time zone.</param>
/// <param name="Start">When it starts; null when the company shows dates only.</param>
/// <param name="End">When it ends; null when the company shows dates only.</param>
/// <param name="ArrivalWindowStart">Earliest arrival; null when the company shows dates only or set no window.</param>
/// <param name="ArrivalWindowEnd">Latest arrival; null when the company shows dates only or set no window.</param>
public sealed record AppointmentTaskDto(
    Guid Id, Guid JobId, string JobNumber, string? JobSummary, Guid CustomerId, AppointmentStatus Status, DateOnly Date,
    DateTimeOffset? Start, DateTimeOffset? End, DateTimeOffset? ArrivalWindowStart, DateTimeOffset? ArrivalWindowEnd);

/// <summary>A proposal waiting for the customer's signature.</summary>
/// <param name="Id">The proposal's id.</param>
/// <param name="Number">The proposal number.</param>
/// <param name="Summary">What it proposes.</param>
/// <param name="CustomerId">The customer it is for.</param>
/// <param name="OptionCount">How many options it offers.</param>
/// <param name="ExpiresOn">The last day it can be accepted; null when it does not expire.</param>
/// <param name="Url">The proposal in the API (GET it for the options, the document version and whether it can be decided).</param>
public sealed record ProposalTaskDto(Guid Id, string Number, string? Summary, Guid CustomerId, int OptionCount, DateOnly? ExpiresOn, string Url);

/// <summary>A completed job the customer is asked to rate.</summary>
/// <param name="JobId">The job.</param>
/// <param name="JobNumber">The job number.</param>
/// <param name="JobSummary">What the job was about.</param>
/// <param name="CustomerId">The customer the job was for.</param>
/// <param name="CompletedAt">When the work was completed, in the company's time zone.</param>
/// <param name="ExpiresAt">When My Tasks stops asking (30 days after).</param>
/// <param name="Url">Where to POST the review.</param>
public sealed record ReviewPromptDto(Guid JobId, string JobNumber, string? JobSummary, Guid CustomerId, DateTimeOffset CompletedAt, DateTimeOffset ExpiresAt, string Url);

/// <summary>A visit of a service agreement that the customer can ask to schedule.</summary>
/// <param name="AgreementId">The agreement's id.</param>
/// <param name="AgreementName">The agreement's name.</param>
/// <param name="CustomerId">The customer it covers.</param>
/// <param name="VisitName">The visit, such as "Spring tune-up".</param>
/// <param name="TargetDate">When the visit should happen.</param>
public sealed record AgreementVisitTaskDto(Guid AgreementId, string AgreementName, Guid CustomerId, string VisitName, DateOnly TargetDate);

/// <summary>What the signed-in user has to do.</summary>
/// <param name="InvoicesToPay">Visible invoices with a balance, of customers with billing access; unpaid newest first. Empty when the company does not offer invoice &amp; payment in the portal.</param>
/// <param name="UpcomingAppointments">Appointments not canceled or completed that start in the future, soonest first.</param>
/// <param name="ProposalsAwaitingSignature">Open proposals of customers with billing access that the customer has not decided and that have not expired, newest first; empty when the company does not take estimate approvals in the portal.</param>
/// <param name="ReviewPrompts">Jobs completed in the last 30 days that the customer has not reviewed yet, newest first; empty while the company does not collect reviews.</param>
/// <param name="BookedAppointments">Appointments the user booked themselves in the portal that the back office has not confirmed with a synced job yet, until their window ends, soonest first; empty while the company does not take bookings in the portal. Once the job is synced, its appointment is in upcomingAppointments instead.</param>
/// <param name="AgreementVisitsToSchedule">Unscheduled visits of active agreements whose target date is today or later, earliest first; empty unless the company shows unscheduled agreement visits.</param>
public sealed record PortalTasksDto(
    InvoiceTaskList InvoicesToPay,
    AppointmentTaskList UpcomingAppointments,
    ProposalTaskList ProposalsAwaitingSignature,
    ReviewPromptTaskList ReviewPrompts,
    AgreementVisitTaskList AgreementVisitsToSchedule,
    BookedAppointmentTaskList BookedAppointments);

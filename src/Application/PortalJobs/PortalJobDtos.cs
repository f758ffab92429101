using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Bookings;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Documents;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;

namespace HeadlessPortal.Application.PortalJobs;

/// <summary>A customer as a job names it.</summary>
/// <param name="Id">The customer's id.</param>
/// <param name="Name">The customer's name.</param>
public sealed record PortalCustomerRef(Guid Id, string Name);

/// <summary>Where the work happens.</summary>
/// <param name="Id">The location's id.</param>
/// <param name="Name">Its name, such as "Lake cottage"; null for a customer's only address.</param>
/// <param name="Address">The postal address.</param>
public sealed record PortalJobLocation(Guid Id, string? Name, AddressDocument Address);

/// <summary>
/// When an appointment happens, as the tenant shows it (appointmentTimeDisplay): with arrivalWindow, the date and the
/// arrival window (the appointment's start and end when no window was given); with dateOnly, the date alone and the
/// window fields null. Times carry the tenant's time-zone offset; the date is the day in that zone.
/// </summary>
/// <param name="Date">The day of the visit (yyyy-MM-dd) in the company's time zone.</param>
/// <param name="ArrivalWindowStart">Earliest arrival; null with dateOnly display.</param>
/// <param name="ArrivalWindowEnd">Latest arrival; null with dateOnly display.</param>
public sealed record PortalAppointmentTime(DateOnly Date, DateTimeOffset? ArrivalWindowStart, DateTimeOffset? ArrivalWindowEnd);

/// <summary>A job in a tab list.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Number">The job number the company uses.</param>
/// <param name="Summary">What the customer is told about the job.</param>
/// <param name="JobType">The job type's name, such as "AC repair".</param>
/// <param name="Location">Where the work happens; null when the company removed the location.</param>
/// <param name="Customer">The customer the job is for.</param>
/// <param name="Tab">The tab the job is in.</param>
/// <param name="NextAppointment">The next visit still to come (scheduled after now and not finished); null when none.</param>
/// <param name="LastAppointment">When there is no next visit: the latest one (canceled visits only when every visit was canceled); null when the job has none.</param>
public sealed record PortalJobListItem(Guid Id, string Number, string? Summary, string? JobType, PortalJobLocation? Location, PortalCustomerRef Customer, JobTab Tab,
    PortalAppointmentTime? NextAppointment, PortalAppointmentTime? LastAppointment);

/// <summary>An agreement visit the customer may call to schedule (upcoming tab).</summary>
/// <param name="AgreementId">The service agreement's id.</param>
/// <param name="AgreementName">The agreement's name, such as "Comfort Club".</param>
/// <param name="Customer">The customer the agreement is for.</param>
/// <param name="Name">The visit, such as "Fall furnace tune-up".</param>
/// <param name="TargetDate">When the visit should happen (yyyy-MM-dd), today or later.</param>
/// <param name="CallToSchedulePhone">The company's phone number to call to schedule it (E.164); null when the company has none on file.</param>
public sealed record PortalUnscheduledVisit(Guid AgreementId, string AgreementName, PortalCustomerRef Customer, string Name, DateOnly TargetDate, string? CallToSchedulePhone);

/// <summary>
/// One page of a job tab: <c>data</c>, <c>nextCursor</c> and <c>hasMore</c> as every list, plus
/// <c>unscheduledVisits</c>: on the first page of the upcoming tab, the agreement visits waiting to be scheduled
/// (when the company shows them), and <c>bookedAppointments</c>: there too, the visits the user booked themselves that
/// are not synced yet; both empty on every other page and tab.
/// </summary>
/// <param name="Data">The jobs of this page, newest first.</param>
/// <param name="NextCursor">Pass as ?after= for the next page; null on the last page.</param>
/// <param name="HasMore">Whether another page exists.</param>
/// <param name="UnscheduledVisits">Agreement visits to call about (first page of upcoming only), by target date.</param>
/// <param name="BookedAppointments">
/// First page of upcoming only: the (first 20) appointments the user booked themselves that the back office has not confirmed with a
/// synced job yet, soonest first (once synced, the job is in <c>data</c> instead); empty while the company does not take bookings.
/// </param>
public sealed record PortalJobPage(
    IReadOnlyList<PortalJobListItem> Data, string? NextCursor, bool HasMore, IReadOnlyList<PortalUnscheduledVisit> UnscheduledVisits,
    IReadOnlyList<PortalBookedAppointmentDto> BookedAppointments);

/// <summary>A technician as customers see them.</summary>
/// <param name="Id">The technician's id.</param>
/// <param name="DisplayName">Such as "Mike R.".</param>
/// <param name="PhotoUrl">An https photo, when the company has one.</param>
public sealed record PortalTechnician(Guid Id, string DisplayName, string? PhotoUrl);

/// <summary>A visit of a job.</summary>
/// <param name="Id">The appointment's id.</param>
/// <param name="Status">scheduled, dispatched, enRoute, working, onHold, completed or canceled.</param>
/// <param name="Time">When, as the company shows it.</param>
/// <param name="Technicians">Who comes.</param>
public sealed record PortalAppointment(Guid Id, AppointmentStatus Status, PortalAppointmentTime Time, IReadOnlyList<PortalTechnician> Technicians);

/// <summary>The job's invoice, for users with billing access to its Bill-To customer when the invoice is visible to customers.</summary>
/// <param name="Id">The invoice's id.</param>
/// <param name="Number">The invoice number.</param>
/// <param name="Total">The total in minor units.</param>
/// <param name="Balance">What is still owed, in minor units.</param>
/// <param name="AmountPending">What online payments under way (such as a bank debit still processing) hold of the balance.</param>
/// <param name="PayableAmount">What can be paid online now: the balance less what is pending; zero when it cannot be paid online now.</param>
public sealed record PortalJobInvoice(Guid Id, string Number, MoneyDocument Total, MoneyDocument Balance, MoneyDocument AmountPending, MoneyDocument PayableAmount);

/// <summary>A document the company shared on the job.</summary>
/// <param name="Id">The document's id.</param>
/// <param name="Title">A caption.</param>
/// <param name="Kind">photo, form or document.</param>
/// <param name="FileName">The file's name.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="ContentUrl">Where to download it (with the same headers as this request).</param>
public sealed record PortalJobDocument(Guid Id, string? Title, DocumentKind Kind, string FileName, string ContentType, long Size, string ContentUrl);

/// <summary>One job with its visits, invoice summary and shared documents.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Number">The job number the company uses.</param>
/// <param name="Summary">What the customer is told about the job.</param>
/// <param name="JobType">The job type's name.</param>
/// <param name="Location">Where the work happens; null when the company removed the location.</param>
/// <param name="Customer">The customer the job is for.</param>
/// <param name="Tab">The tab the job is in.</param>
/// <param name="Appointments">Its visits in time order, canceled ones included.</param>
/// <param name="InvoiceSummary">The summary text of the job's latest invoice; shown to every user of the customer, billing access or not.</param>
/// <param name="Invoice">The latest invoice itself, only with billing access to its Bill-To customer and when it is visible to customers.</param>
/// <param name="Documents">Documents the company shared.</param>
public sealed record PortalJobDto(Guid Id, string Number, string? Summary, string? JobType, PortalJobLocation? Location, PortalCustomerRef Customer, JobTab Tab,
    IReadOnlyList<PortalAppointment> Appointments, string? InvoiceSummary, PortalJobInvoice? Invoice, IReadOnlyList<PortalJobDocument> Documents);

/// <summary>A service location of a customer the user can access.</summary>
/// <param name="Id">The location's id.</param>
/// <param name="Name">Its name, when it has one.</param>
/// <param name="Address">The postal address.</param>
/// <param name="CustomerId">The customer it belongs to.</param>
public sealed record PortalLocationDto(Guid Id, string? Name, AddressDocument Address, Guid CustomerId);

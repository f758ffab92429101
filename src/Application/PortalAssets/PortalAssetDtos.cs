using HeadlessPortal.Application.Billing;
using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Portal;

namespace HeadlessPortal.Application.PortalAssets;

/// <summary>The service location a record belongs to.</summary>
/// <param name="Id">The location's id.</param>
/// <param name="Name">Its name, such as "Home" or "Rental house".</param>
public sealed record PortalLocationRef(Guid Id, string? Name);

/// <summary>A warranty as the customer sees it.</summary>
/// <param name="Start">yyyy-MM-dd.</param>
/// <param name="End">yyyy-MM-dd.</param>
/// <param name="Terms">What it covers.</param>
public sealed record PortalWarranty(DateOnly Start, DateOnly End, string? Terms)
{
    public static PortalWarranty? From(Warranty? w) => w is null ? null : new(w.Start, w.End, w.Terms);
}

/// <summary>A piece of equipment at one of the customer's locations.</summary>
/// <param name="Id">The equipment's id.</param>
/// <param name="CustomerId">The customer whose location it is at.</param>
/// <param name="Location">Where it is installed.</param>
/// <param name="Type">Such as "Furnace" or "Air conditioner".</param>
/// <param name="Manufacturer">Maker.</param>
/// <param name="Model">Model number.</param>
/// <param name="Serial">Serial number.</param>
/// <param name="InstalledOn">yyyy-MM-dd.</param>
/// <param name="ManufacturerWarranty">The maker's warranty.</param>
/// <param name="ServiceWarranty">The company's own warranty on its work.</param>
public sealed record PortalEquipmentDto(Guid Id, Guid CustomerId, PortalLocationRef Location, string Type, string? Manufacturer, string? Model, string? Serial,
    DateOnly? InstalledOn, PortalWarranty? ManufacturerWarranty, PortalWarranty? ServiceWarranty);

/// <summary>A job in an equipment's service history.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Number">The job number.</param>
/// <param name="Summary">What the job was about.</param>
/// <param name="LastAppointmentAt">Start of its latest appointment that was not canceled; null when it has none.</param>
public sealed record PortalServiceHistoryJob(Guid Id, string Number, string? Summary, DateTimeOffset? LastAppointmentAt);

/// <summary>One option of a proposal and its total.</summary>
/// <param name="Name">Such as "Good", "Better", "Best".</param>
/// <param name="Total">The option's total.</param>
public sealed record PortalProposalOptionTotal(string Name, MoneyDocument Total);

/// <summary>A proposal that quoted work on the equipment.</summary>
/// <param name="Id">The proposal's id.</param>
/// <param name="Number">The proposal number.</param>
/// <param name="Status">open, accepted, declined or expired: the customer's own decision first, then the company's status, then the expiry.</param>
/// <param name="Options">Each option with its total (a proposal may offer several).</param>
public sealed record PortalProposalSummary(Guid Id, string Number, ProposalStatus Status, IReadOnlyList<PortalProposalOptionTotal> Options);

/// <summary>A piece of equipment with its service history and, with billing access, its proposals.</summary>
/// <param name="Id">The equipment's id.</param>
/// <param name="CustomerId">The customer whose location it is at.</param>
/// <param name="Location">Where it is installed.</param>
/// <param name="Type">Such as "Furnace" or "Air conditioner".</param>
/// <param name="Manufacturer">Maker.</param>
/// <param name="Model">Model number.</param>
/// <param name="Serial">Serial number.</param>
/// <param name="InstalledOn">yyyy-MM-dd.</param>
/// <param name="ManufacturerWarranty">The maker's warranty.</param>
/// <param name="ServiceWarranty">The company's own warranty on its work.</param>
/// <param name="ServiceHistory">Jobs that serviced it, latest first.</param>
/// <param name="Proposals">Proposals that quoted work on it; always empty without billing access to the customer (estimates need billing access).</param>
public sealed record PortalEquipmentDetailDto(Guid Id, Guid CustomerId, PortalLocationRef Location, string Type, string? Manufacturer, string? Model, string? Serial,
    DateOnly? InstalledOn, PortalWarranty? ManufacturerWarranty, PortalWarranty? ServiceWarranty,
    IReadOnlyList<PortalServiceHistoryJob> ServiceHistory, IReadOnlyList<PortalProposalSummary> Proposals);

/// <summary>A job a plan visit was booked as.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Number">The job number.</param>
public sealed record PortalJobRef(Guid Id, string Number);

/// <summary>A visit an agreement or membership includes.</summary>
/// <param name="Name">Such as "Spring AC tune-up".</param>
/// <param name="TargetDate">yyyy-MM-dd, when it is due.</param>
/// <param name="Status">unscheduled, scheduled, completed or canceled.</param>
/// <param name="Job">The job it was booked as; null until booked.</param>
public sealed record PortalPlanVisit(string Name, DateOnly TargetDate, VisitStatus Status, PortalJobRef? Job);

/// <summary>Equipment a plan covers.</summary>
/// <param name="Id">The equipment's id.</param>
/// <param name="Type">Such as "Furnace".</param>
/// <param name="Manufacturer">Maker.</param>
/// <param name="Model">Model number.</param>
/// <param name="Serial">Serial number.</param>
/// <param name="Location">Where it is installed.</param>
public sealed record PortalCoveredEquipment(Guid Id, string Type, string? Manufacturer, string? Model, string? Serial, PortalLocationRef Location);

/// <summary>An invoice of a plan.</summary>
/// <param name="Id">The invoice's id.</param>
/// <param name="Number">The invoice number.</param>
/// <param name="IssueDate">yyyy-MM-dd.</param>
/// <param name="DueDate">yyyy-MM-dd.</param>
/// <param name="Total">Total.</param>
/// <param name="Balance">What is still owed.</param>
/// <param name="AmountPending">What online payments under way (such as a bank debit still processing) hold of the balance.</param>
/// <param name="PayableAmount">What can be paid online now: the balance less what is pending; zero when it cannot be paid online now.</param>
public sealed record PortalPlanInvoice(
    Guid Id, string Number, DateOnly IssueDate, DateOnly? DueDate, MoneyDocument Total, MoneyDocument Balance, MoneyDocument AmountPending, MoneyDocument PayableAmount);

/// <summary>A service agreement in a list.</summary>
/// <param name="Id">The agreement's id.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="Name">Such as "Comfort Plus maintenance agreement".</param>
/// <param name="Status">One of the statuses the company shows to customers.</param>
/// <param name="StartDate">yyyy-MM-dd.</param>
/// <param name="EndDate">yyyy-MM-dd.</param>
public sealed record PortalAgreementDto(Guid Id, Guid CustomerId, string Name, AgreementStatus Status, DateOnly StartDate, DateOnly? EndDate);

/// <summary>A service agreement with its visits, covered equipment and (with billing access) invoices.</summary>
/// <param name="Id">The agreement's id.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="Name">Such as "Comfort Plus maintenance agreement".</param>
/// <param name="Status">One of the statuses the company shows to customers.</param>
/// <param name="StartDate">yyyy-MM-dd.</param>
/// <param name="EndDate">yyyy-MM-dd.</param>
/// <param name="Visits">The visits it includes, in its own order.</param>
/// <param name="Equipment">Covered equipment.</param>
/// <param name="Invoices">Its invoices the user may see (billing access, ever had a balance, visible business unit); empty without billing access.</param>
public sealed record PortalAgreementDetailDto(Guid Id, Guid CustomerId, string Name, AgreementStatus Status, DateOnly StartDate, DateOnly? EndDate,
    IReadOnlyList<PortalPlanVisit> Visits, IReadOnlyList<PortalCoveredEquipment> Equipment, IReadOnlyList<PortalPlanInvoice> Invoices);

/// <summary>A membership in a list.</summary>
/// <param name="Id">The membership's id.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="Type">The membership type, such as "Comfort Club".</param>
/// <param name="Status">active, expired or canceled.</param>
/// <param name="StartDate">yyyy-MM-dd.</param>
/// <param name="EndDate">yyyy-MM-dd.</param>
public sealed record PortalMembershipDto(Guid Id, Guid CustomerId, string Type, MembershipStatus Status, DateOnly StartDate, DateOnly? EndDate);

/// <summary>A membership with its visits, covered equipment and (with billing access) invoices.</summary>
/// <param name="Id">The membership's id.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="Type">The membership type, such as "Comfort Club".</param>
/// <param name="Status">active, expired or canceled.</param>
/// <param name="StartDate">yyyy-MM-dd.</param>
/// <param name="EndDate">yyyy-MM-dd.</param>
/// <param name="Visits">The visits it includes, in its own order.</param>
/// <param name="Equipment">Covered equipment.</param>
/// <param name="Invoices">Its invoices the user may see (billing access, ever had a balance, visible business unit); empty without billing access.</param>
public sealed record PortalMembershipDetailDto(Guid Id, Guid CustomerId, string Type, MembershipStatus Status, DateOnly StartDate, DateOnly? EndDate,
    IReadOnlyList<PortalPlanVisit> Visits, IReadOnlyList<PortalCoveredEquipment> Equipment, IReadOnlyList<PortalPlanInvoice> Invoices);

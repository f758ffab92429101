using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Domain.Bookings;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Scheduling;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings;

/// <summary>The events booking requests raise.</summary>
public static class BookingEvents
{
    public const string Requested = "booking.requested";
    public const string Scheduled = "booking.scheduled";
    public const string Dismissed = "booking.dismissed";
    public const string AppointmentBooked = "appointment.booked";
    public const string AppointmentRescheduled = "appointment.rescheduled";
    public const string AppointmentCanceled = "appointment.canceled";
}

/// <summary>The stable codes of refused booking requests.</summary>
public static class BookingCodes
{
    /// <summary>Job booking (features.jobBooking) is off: every request endpoint answers 404 with it.</summary>
    public const string JobBookingOff = "job_booking_off";

    /// <summary>The company takes no requests from websites.</summary>
    public const string WebsiteRequestsOff = "website_requests_off";

    /// <summary>The job type is unknown or not open to requests.</summary>
    public const string JobTypeNotBookable = "job_type_not_bookable";

    public const string IdempotencyKeyReused = "idempotency_key_reused";

    public static Error BookingOff() => new(ErrorKind.NotFound, JobBookingOff, "This company does not take booking requests in the portal.");

    public static Error WebsiteOff() => new(ErrorKind.NotFound, WebsiteRequestsOff, "This company does not take booking requests from websites.");

    public static Error NotBookable() =>
        new(ErrorKind.Unprocessable, JobTypeNotBookable, "This job type cannot be requested.") { Fields = new Dictionary<string, string[]> { ["jobTypeId"] = ["Not a job type open to requests."] } };

    public static Error WindowsRefused(DomainException ex) =>
        new(ErrorKind.Unprocessable, ex.Code, ex.Message) { Fields = new Dictionary<string, string[]> { ["preferredWindows"] = [ex.Message] } };
}

/// <summary>
/// Which job types take requests, and whether website visitors may send them: the one place booking requests ask, from
/// the tenant's booking settings (<see cref="BookingSettingsReader"/>). The portal's features.jobBooking is checked by
/// each use case first, so that it can answer job_booking_off.
/// </summary>
public sealed class BookableJobTypes(IAppDbContext db, ICurrentTenant tenant)
{
    /// <summary>The job type when it is synced (not removed) and the settings open it to requests; null otherwise.</summary>
    public async Task<JobType?> RequestableAsync(Guid? jobTypeId, CancellationToken ct)
    {
        if (jobTypeId is not { } id)
        {
            return null;
        }

        var settings = await BookingSettingsReader.GetAsync(db, tenant.Required(), ct);
        return settings.For(id) is { Requestable: true }
            ? await db.Set<JobType>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct)
            : null;
    }

    /// <summary>Every synced job type the settings open to requests, by name.</summary>
    public async Task<IReadOnlyList<JobType>> AllRequestableAsync(CancellationToken ct)
    {
        var settings = await BookingSettingsReader.GetAsync(db, tenant.Required(), ct);
        var ids = settings.JobTypes.Where(j => j.Requestable).Select(j => j.JobTypeId).ToList();
        return ids.Count == 0
            ? []
            : (await db.Set<JobType>().AsNoTracking().Where(j => ids.Contains(j.Id)).ToListAsync(ct)).OrderBy(j => j.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Whether website visitors may send requests (the WebsiteRequests setting, on top of features.jobBooking).</summary>
    public async Task<bool> WebsiteRequestsAsync(CancellationToken ct) => (await BookingSettingsReader.GetAsync(db, tenant.Required(), ct)).WebsiteRequests;
}

/// <summary>A range of days the customer would like the visit in (inclusive, in the company's time zone).</summary>
/// <param name="From">The first day, today or later.</param>
/// <param name="To">The last day, on or after from; at most 31 days after it.</param>
public sealed record PreferredWindowInput([property: Required] DateOnly? From, [property: Required] DateOnly? To)
{
    public PreferredWindow ToDomain() => new(From!.Value, To!.Value);
}

/// <summary>A preferred window, as the customer gave it.</summary>
/// <param name="From">First day (company's time zone).</param>
/// <param name="To">Last day, inclusive.</param>
public sealed record PreferredWindowDto(DateOnly From, DateOnly To);

/// <summary>The request rules the portal and websites share.</summary>
internal static class BookingRequestRules
{
    public static void AddWindowRules<T>(AbstractValidator<T> validator, Func<T, IReadOnlyList<PreferredWindowInput?>?> windows)
    {
        validator.RuleFor(x => windows(x)).NotEmpty().WithMessage($"preferredWindows lists 1 to {BookingRules.MaxPreferredWindows} windows.")
            .Must(w => w is null || w.Count <= BookingRules.MaxPreferredWindows).WithMessage($"preferredWindows lists 1 to {BookingRules.MaxPreferredWindows} windows.")
            .OverridePropertyName("preferredWindows");
        validator.RuleForEach(x => windows(x)).ChildRules(w =>
        {
            w.RuleFor(i => i).NotNull().WithMessage("A window is { from, to }.");
            w.RuleFor(i => i!.From).NotNull().When(i => i is not null).WithMessage("from is required (yyyy-MM-dd).");
            w.RuleFor(i => i!.To).NotNull().When(i => i is not null).WithMessage("to is required (yyyy-MM-dd).");
        }).OverridePropertyName("preferredWindows");
    }

    public static void AddDescriptionRule<T>(AbstractValidator<T> validator, Func<T, string?> description) =>
        validator.RuleFor(x => description(x)).MaximumLength(BookingRules.DescriptionMaxLength).OverridePropertyName("description");

    public static void AddPhoneRule<T>(AbstractValidator<T> validator, Func<T, string?> phone, string field, bool required)
    {
        if (required)
        {
            validator.RuleFor(x => phone(x)).NotEmpty().WithMessage($"{field} is required.").OverridePropertyName(field);
        }

        validator.RuleFor(x => phone(x)).Must(p => string.IsNullOrEmpty(p) || ContactRules.IsE164Phone(p.Trim()))
            .WithMessage($"{field} is a phone number in E.164 form, such as +15555550123.").OverridePropertyName(field);
    }

    /// <summary>A stable hash of a request body: the same key with another body is refused.</summary>
    public static string HashOf<T>(T request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, JsonSerializerOptions.Web))));
}

/// <summary>The names the API gives statuses and sources.</summary>
public static class BookingNames
{
    public const string New = "new";
    public const string Scheduled = "scheduled";
    public const string Dismissed = "dismissed";
    public const string Booked = "booked";
    public const string Canceled = "canceled";
    public const string Portal = "portal";
    public const string Website = "website";

    public static readonly string[] Statuses = [New, Scheduled, Dismissed, Booked, Canceled];
    public static readonly string[] Sources = [Portal, Website];

    public static string Of(BookingStatus status) => status switch
    {
        BookingStatus.Scheduled => Scheduled,
        BookingStatus.Dismissed => Dismissed,
        BookingStatus.Booked => Booked,
        BookingStatus.Canceled => Canceled,
        _ => New,
    };

    public static string Of(BookingSource source) => source == BookingSource.Website ? Website : Portal;

    public static BookingStatus? StatusOf(string? name) => name switch
    {
        New => BookingStatus.New,
        Scheduled => BookingStatus.Scheduled,
        Dismissed => BookingStatus.Dismissed,
        Booked => BookingStatus.Booked,
        Canceled => BookingStatus.Canceled,
        _ => null,
    };

    public static BookingSource? SourceOf(string? name) => name switch
    {
        Portal => BookingSource.Portal,
        Website => BookingSource.Website,
        _ => null,
    };
}

/// <summary>A job type as a booking names it.</summary>
/// <param name="Id">Our id.</param>
/// <param name="ExternalId">The back office's id.</param>
/// <param name="Name">Its name (empty when the back office removed it).</param>
public sealed record BookingJobTypeDto(Guid Id, string ExternalId, string Name);

/// <summary>A customer or location as a booking names it.</summary>
/// <param name="Id">Our id.</param>
/// <param name="ExternalId">The back office's id.</param>
/// <param name="Name">Its name, when it has one.</param>
public sealed record BookingRefDto(Guid Id, string ExternalId, string? Name);

/// <summary>A location a portal request is for.</summary>
/// <param name="Id">Our id.</param>
/// <param name="Name">Its name, when it has one.</param>
/// <param name="Address">Where it is.</param>
public sealed record PortalBookingLocationDto(Guid Id, string? Name, Address? Address);

/// <summary>A website visitor, as they described themselves.</summary>
/// <param name="Name">Their name.</param>
/// <param name="Email">Their email address.</param>
/// <param name="Phone">Their phone (E.164).</param>
/// <param name="Address">Where the work is.</param>
public sealed record BookingRequesterDto(string Name, string Email, string Phone, Address Address);

/// <summary>The appointment a self-scheduled booking holds: its arrival window.</summary>
/// <param name="WindowId">The capacity window's id (as availability lists it).</param>
/// <param name="WindowExternalId">The back office's id of the window.</param>
/// <param name="Date">The window's day in the company's time zone.</param>
/// <param name="Start">When the technician may arrive from, with the company's offset that day.</param>
/// <param name="End">When the arrival window closes.</param>
public sealed record BookedAppointmentDto(Guid WindowId, string WindowExternalId, DateOnly Date, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A booking request, as the office sees it.</summary>
/// <param name="Id">The booking's id.</param>
/// <param name="Status">new, scheduled or dismissed (requests); booked or canceled (self-scheduled appointments).</param>
/// <param name="Source">portal or website.</param>
/// <param name="JobType">The job type asked for.</param>
/// <param name="Customer">The customer (portal requests).</param>
/// <param name="Location">The location (portal requests).</param>
/// <param name="PortalUserId">The portal user who asked (portal requests made by a signed-in user).</param>
/// <param name="Requester">The visitor (website requests). Not matched against customers.</param>
/// <param name="PreferredWindows">1 to 3 ranges of days, in the company's time zone.</param>
/// <param name="Description">What the customer described.</param>
/// <param name="ContactPhone">The number to call back (E.164).</param>
/// <param name="CreatedAt">When it was sent, in the company's time zone.</param>
/// <param name="JobId">The back office's job id, once scheduled.</param>
/// <param name="AppointmentId">The back office's appointment id, when given while scheduling.</param>
/// <param name="ScheduledAt">When it was scheduled.</param>
/// <param name="DismissedAt">When it was dismissed.</param>
/// <param name="DismissReason">Why it was dismissed.</param>
/// <param name="HandledBy">The API client that scheduled or dismissed it.</param>
/// <param name="Appointment">The booked window of a self-scheduled booking (kept after a cancel, showing the window it had); null for a request.</param>
/// <param name="CanceledAt">When the customer canceled a booked appointment.</param>
/// <param name="CancelReason">The reason the customer gave, if any.</param>
public sealed record BookingDto(
    Guid Id, BookingStatus Status, BookingSource Source, BookingJobTypeDto JobType, BookingRefDto? Customer, BookingRefDto? Location, Guid? PortalUserId, BookingRequesterDto? Requester,
    IReadOnlyList<PreferredWindowDto> PreferredWindows, string? Description, string? ContactPhone, DateTimeOffset CreatedAt, string? JobId, string? AppointmentId,
    DateTimeOffset? ScheduledAt, DateTimeOffset? DismissedAt, string? DismissReason, string? HandledBy, BookedAppointmentDto? Appointment, DateTimeOffset? CanceledAt,
    string? CancelReason);

/// <summary>One of the user's booking requests.</summary>
/// <param name="Id">The booking's id.</param>
/// <param name="Status">
/// A request: new (the office has not handled it yet), scheduled (the office made a job for it) or dismissed. A self-scheduled
/// appointment: booked (it may be rescheduled or canceled before the cut-off, at /v1/portal/appointments/{id}) or canceled.
/// </param>
/// <param name="JobType">The job type asked for.</param>
/// <param name="Customer">The customer of the location.</param>
/// <param name="Location">Where the work is.</param>
/// <param name="PreferredWindows">The ranges of days given, in the company's time zone.</param>
/// <param name="Description">What the user described.</param>
/// <param name="ContactPhone">The number given to call back.</param>
/// <param name="CreatedAt">When it was sent, in the company's time zone.</param>
/// <param name="ScheduledAt">When the office scheduled it.</param>
/// <param name="Appointment">The booked window of a self-scheduled appointment (the window it had, once canceled); null for a request.</param>
/// <param name="CanceledAt">When it was canceled.</param>
public sealed record PortalBookingDto(
    Guid Id, BookingStatus Status, PortalBookingJobTypeDto JobType, PortalBookingCustomerDto Customer, PortalBookingLocationDto Location,
    IReadOnlyList<PreferredWindowDto> PreferredWindows, string? Description, string? ContactPhone, DateTimeOffset CreatedAt, DateTimeOffset? ScheduledAt,
    BookedAppointmentDto? Appointment, DateTimeOffset? CanceledAt);

/// <summary>A job type in the portal.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
public sealed record PortalBookingJobTypeDto(Guid Id, string Name);

/// <summary>A customer in the portal.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
public sealed record PortalBookingCustomerDto(Guid Id, string Name);

/// <summary>What a website request answers: always received.</summary>
public enum WebsiteBookingReceiptStatus
{
    Received,
}

/// <summary>What a website request answers: always the same, whatever happened to it.</summary>
/// <param name="Status">received.</param>
/// <param name="Message">A sentence to show the visitor.</param>
public sealed record WebsiteBookingReceiptDto(WebsiteBookingReceiptStatus Status, string Message)
{
    public static WebsiteBookingReceiptDto Received { get; } = new(WebsiteBookingReceiptStatus.Received, "Thank you! Your request was sent; the office will contact you to schedule the visit.");
}

/// <summary>Reads bookings into the answers, with the names of what they refer to.</summary>
internal static class BookingReader
{
    public static async Task<IReadOnlyList<BookingDto>> ForOfficeAsync(IAppDbContext db, IReadOnlyList<Booking> bookings, TimeZoneInfo zone, CancellationToken ct)
    {
        var names = await NamesAsync(db, bookings, ct);
        var windows = await WindowsAsync(db, bookings, zone, ct);
        return bookings.Select(b => new BookingDto(
            b.Id, b.Status, b.Source,
            new BookingJobTypeDto(b.JobTypeId, b.JobTypeExternalId, names.JobTypes.GetValueOrDefault(b.JobTypeId) ?? string.Empty),
            b.CustomerId is { } c ? new BookingRefDto(c, b.CustomerExternalId!, names.Customers.GetValueOrDefault(c)) : null,
            b.LocationId is { } l ? new BookingRefDto(l, b.LocationExternalId!, (names.Locations.TryGetValue(l, out var place) ? place.Name : null)) : null,
            b.PortalUserId,
            b.Source == BookingSource.Website ? new BookingRequesterDto(b.RequesterName!, b.RequesterEmail!, b.ContactPhone!, b.RequesterAddress!) : null,
            Windows(b), b.Description, b.ContactPhone, b.CreatedAt.In(zone), b.JobExternalId, b.AppointmentExternalId, b.ScheduledAt.In(zone), b.DismissedAt.In(zone),
            b.DismissReason, b.HandledBy, AppointmentOf(b, windows), b.CanceledAt.In(zone), b.CancelReason)).ToList();
    }

    public static async Task<IReadOnlyList<PortalBookingDto>> ForPortalAsync(IAppDbContext db, IReadOnlyList<Booking> bookings, TimeZoneInfo zone, CancellationToken ct)
    {
        var names = await NamesAsync(db, bookings, ct);
        var windows = await WindowsAsync(db, bookings, zone, ct);
        return bookings.Select(b =>
        {
            (string? Name, Address? Address) location = names.Locations.TryGetValue(b.LocationId!.Value, out var found) ? found : (null, null);
            return new PortalBookingDto(
                b.Id, b.Status, new PortalBookingJobTypeDto(b.JobTypeId, names.JobTypes.GetValueOrDefault(b.JobTypeId) ?? string.Empty),
                new PortalBookingCustomerDto(b.CustomerId!.Value, names.Customers.GetValueOrDefault(b.CustomerId!.Value) ?? string.Empty),
                new PortalBookingLocationDto(b.LocationId!.Value, location.Name, location.Address),
                Windows(b), b.Description, b.ContactPhone, b.CreatedAt.In(zone), b.ScheduledAt.In(zone), AppointmentOf(b, windows), b.CanceledAt.In(zone));
        }).ToList();
    }

    private static BookedAppointmentDto? AppointmentOf(Booking b, Dictionary<Guid, BookedAppointmentDto> windows) =>
        b.CapacityWindowId is { } id ? windows.GetValueOrDefault(id) : null;

    /// <summary>The capacity windows of self-scheduled bookings, in the company's zone (removed ones too: the appointment was made in them).</summary>
    private static async Task<Dictionary<Guid, BookedAppointmentDto>> WindowsAsync(IAppDbContext db, IReadOnlyList<Booking> bookings, TimeZoneInfo zone, CancellationToken ct)
    {
        var ids = bookings.Where(b => b.CapacityWindowId is not null).Select(b => b.CapacityWindowId!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var windows = await db.Set<CapacityWindow>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().Where(w => ids.Contains(w.Id)).ToListAsync(ct);
        return windows.ToDictionary(w => w.Id, w => SelfScheduling.AppointmentOf(w, zone));
    }

    private static List<PreferredWindowDto> Windows(Booking b) => b.PreferredWindows.Select(w => new PreferredWindowDto(w.From, w.To)).ToList();

    private static async Task<(Dictionary<Guid, string> JobTypes, Dictionary<Guid, string> Customers, Dictionary<Guid, (string? Name, Address? Address)> Locations)> NamesAsync(
        IAppDbContext db, IReadOnlyList<Booking> bookings, CancellationToken ct)
    {
        var jobTypeIds = bookings.Select(b => b.JobTypeId).Distinct().ToList();
        var customerIds = bookings.Where(b => b.CustomerId is not null).Select(b => b.CustomerId!.Value).Distinct().ToList();
        var locationIds = bookings.Where(b => b.LocationId is not null).Select(b => b.LocationId!.Value).Distinct().ToList();

        // Names of records the back office removed since still show: the request was made for them.
        var jobTypes = await db.Set<JobType>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().Where(j => jobTypeIds.Contains(j.Id))
            .ToDictionaryAsync(j => j.Id, j => j.Name, ct);
        var customers = customerIds.Count == 0
            ? []
            : await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var locations = locationIds.Count == 0
            ? []
            : (await db.Set<Location>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToListAsync(ct))
                .ToDictionary(l => l.Id, l => (l.Name, (Address?)l.Address));
        return (jobTypes, customers, locations);
    }
}

/// <summary>The booking.requested event and the office's email, saved with a new request.</summary>
internal static class BookingAnnouncements
{
    public static void Requested(IAppDbContext db, Booking booking)
    {
        var payload = JsonSerializer.Serialize(
            new
            {
                bookingId = booking.Id,
                source = BookingNames.Of(booking.Source),
                jobTypeId = booking.JobTypeExternalId,
                customerId = booking.CustomerExternalId,
                locationId = booking.LocationExternalId,
                preferredWindows = booking.PreferredWindows.Select(w => new { from = w.From, to = w.To }),
                createdAt = booking.CreatedAt,
            },
            JsonSerializerOptions.Web);
        db.OutboxMessages.Add(OutboxMessage.For(booking.TenantId, BookingEvents.Requested, payload, booking.CreatedAt));
        db.OutboxMessages.Add(BookingEmailRequested.Create(booking));
    }

    /// <summary>booking.scheduled or booking.dismissed, saved with the office's handling of a request.</summary>
    public static void Handled(IAppDbContext db, Booking booking, string type, DateTimeOffset now)
    {
        var payload = JsonSerializer.Serialize(
            new
            {
                bookingId = booking.Id,
                status = BookingNames.Of(booking.Status),
                jobId = booking.JobExternalId,
                appointmentId = booking.AppointmentExternalId,
                dismissReason = booking.DismissReason,
                handledAt = now,
            },
            JsonSerializerOptions.Web);
        db.OutboxMessages.Add(OutboxMessage.For(booking.TenantId, type, payload, now));
    }
}

/// <summary>The audit target of a booking: booking:{id}.</summary>
public static class BookingAudit
{
    public static string TargetOf(Booking booking) => "booking:" + booking.Id;
}

using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Bookings;

/// <summary>Where a booking request came from.</summary>
public enum BookingSource
{
    /// <summary>A signed-in portal user, for a location of a customer they can see.</summary>
    Portal,

    /// <summary>A visitor of the company's website, through the publishable key.</summary>
    Website,
}

/// <summary>
/// Where a booking stands. A request: new, then scheduled (linked to the back office's job) or dismissed. A self-scheduled
/// booking: booked (an appointment in a capacity window at once; it may be rescheduled), then canceled.
/// </summary>
public enum BookingStatus
{
    New,
    Scheduled,
    Dismissed,
    Booked,
    Canceled,
}

/// <summary>A range of days the customer would like the visit in, inclusive, in the company's time zone.</summary>
public sealed record PreferredWindow(DateOnly From, DateOnly To);

/// <summary>Who a website visitor says they are, and where the work is.</summary>
public sealed record WebsiteRequester(string Name, string Email, string Phone, Address Address);

/// <summary>The stable codes and limits of booking requests.</summary>
public static class BookingRules
{
    public const string NotNew = "booking_not_new";
    public const string NotChangeable = "appointment_not_changeable";
    public const int CancelReasonMaxLength = 1000;
    public const string InvalidPreferredWindows = "invalid_preferred_windows";
    public const int MaxPreferredWindows = 3;

    /// <summary>The longest one preferred window may be, in days.</summary>
    public const int MaxWindowDays = 31;

    /// <summary>How far ahead a preferred window may start, in days.</summary>
    public const int MaxDaysAhead = 365;

    public const int DescriptionMaxLength = 2000;
    public const int DismissReasonMaxLength = 1000;
    public const int HandledByMaxLength = 100;
    public const int IdempotencyScopeMaxLength = 100;
    public const int IdempotencyKeyMaxLength = 255;

    /// <summary>
    /// Checks the preferred windows: one to <see cref="MaxPreferredWindows"/>, each from &lt;= to, at most
    /// <see cref="MaxWindowDays"/> days long, starting today or later (in the company's zone) and within <see cref="MaxDaysAhead"/> days.
    /// Answers null when they are acceptable, else why not.
    /// </summary>
    public static string? WhyNotAcceptable(IReadOnlyList<PreferredWindow>? windows, DateOnly today)
    {
        if (windows is null || windows.Count is 0 or > MaxPreferredWindows)
        {
            return $"Give 1 to {MaxPreferredWindows} preferred windows.";
        }

        foreach (var w in windows)
        {
            if (w is null || w.To < w.From)
            {
                return "A preferred window's to is on or after its from.";
            }

            if (w.From < today)
            {
                return "Preferred windows are in the future: from is today or later in the company's time zone.";
            }

            if (w.To.DayNumber - w.From.DayNumber + 1 > MaxWindowDays)
            {
                return $"A preferred window spans at most {MaxWindowDays} days.";
            }

            if (w.From.DayNumber - today.DayNumber > MaxDaysAhead)
            {
                return $"A preferred window starts within {MaxDaysAhead} days.";
            }
        }

        return windows.Distinct().Count() == windows.Count ? null : "Each preferred window is given once.";
    }
}

/// <summary>
/// A request for work from a portal user or a website visitor, for the office's Bookings list: a job type, where
/// (a customer's location, or a visitor's address), preferred windows, a description. It is new until the office
/// schedules it in the back office (linking the job, and optionally the appointment) or dismisses it with a reason;
/// both only from new. A self-scheduled booking is booked at once into a capacity window (see <see cref="BookFromPortal"/>),
/// and may be rescheduled or canceled by the customer while booked.
/// </summary>
public sealed class Booking : ITenantOwned
{
    private List<PreferredWindow> _preferredWindows = [];

    private Booking()
    {
        JobTypeExternalId = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public BookingSource Source { get; private set; }

    public BookingStatus Status { get; private set; }

    public Guid JobTypeId { get; private set; }

    public string JobTypeExternalId { get; private set; }

    /// <summary>The customer of the chosen location (portal requests).</summary>
    public Guid? CustomerId { get; private set; }

    public string? CustomerExternalId { get; private set; }

    public Guid? LocationId { get; private set; }

    public string? LocationExternalId { get; private set; }

    /// <summary>The signed-in user who asked (null for a website request, or a session opened by a portal link).</summary>
    public Guid? PortalUserId { get; private set; }

    /// <summary>A website visitor's name.</summary>
    public string? RequesterName { get; private set; }

    public string? RequesterEmail { get; private set; }

    /// <summary>A website visitor's address (where the work is).</summary>
    public Address? RequesterAddress { get; private set; }

    public IReadOnlyList<PreferredWindow> PreferredWindows => _preferredWindows;

    public string? Description { get; private set; }

    /// <summary>The number to call back (E.164): the visitor's phone, or the one a portal user gave.</summary>
    public string? ContactPhone { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Whose Idempotency-Key this request was made with (portal: user:{id} or session:{id}); also who may read it in the portal.</summary>
    public string? IdempotencyScope { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public string? RequestHash { get; private set; }

    /// <summary>The back office's job, once scheduled.</summary>
    public string? JobExternalId { get; private set; }

    /// <summary>The back office's appointment, when the office named it while scheduling.</summary>
    public string? AppointmentExternalId { get; private set; }

    public DateTimeOffset? ScheduledAt { get; private set; }

    public DateTimeOffset? DismissedAt { get; private set; }

    public string? DismissReason { get; private set; }

    /// <summary>Who scheduled or dismissed it (the API client).</summary>
    public string? HandledBy { get; private set; }

    /// <summary>The capacity window of a self-scheduled booking; null for a request.</summary>
    public Guid? CapacityWindowId { get; private set; }

    /// <summary>The appointment a self-scheduled booking made; null for a request.</summary>
    public Guid? AppointmentId { get; private set; }

    /// <summary>When a booked appointment was canceled.</summary>
    public DateTimeOffset? CanceledAt { get; private set; }

    /// <summary>Why the customer canceled (optional).</summary>
    public string? CancelReason { get; private set; }

    /// <summary>When a booked appointment was last moved to another window.</summary>
    public DateTimeOffset? RescheduledAt { get; private set; }

    /// <summary>The Idempotency-Key of the latest reschedule or cancel, so that a retry of it answers the same.</summary>
    public string? ChangeIdempotencyKey { get; private set; }

    public string? ChangeRequestHash { get; private set; }

    /// <summary>Grows with every change of a booked appointment; concurrent changes of one booking keep only the first.</summary>
    public int Version { get; private set; }

    public bool IsSelfScheduled => CapacityWindowId is not null;

    /// <summary>A signed-in user's request for a location of a customer they can see.</summary>
    public static Booking RequestFromPortal(
        Guid id, TenantId tenantId, Ref jobType, Ref customer, Ref location, Guid? portalUserId, IReadOnlyList<PreferredWindow> windows, string? description,
        string? contactPhone, string idempotencyScope, string idempotencyKey, string requestHash, DateOnly today, DateTimeOffset now)
    {
        var booking = New(id, tenantId, BookingSource.Portal, jobType, windows, description, today, now);
        booking.CustomerId = customer.Id;
        booking.CustomerExternalId = customer.ExternalId;
        booking.LocationId = location.Id;
        booking.LocationExternalId = location.ExternalId;
        booking.PortalUserId = portalUserId;
        booking.ContactPhone = string.IsNullOrWhiteSpace(contactPhone) ? null : Phone(contactPhone, "contactPhone");
        booking.IdempotencyScope = Guard.Required(idempotencyScope, "Idempotency scope", BookingRules.IdempotencyScopeMaxLength);
        booking.IdempotencyKey = Guard.Required(idempotencyKey, "Idempotency key", BookingRules.IdempotencyKeyMaxLength);
        booking.RequestHash = Guard.Required(requestHash, "Request hash", 100);
        return booking;
    }

    /// <summary>
    /// A signed-in user booked a capacity window for a self-schedulable job type: an appointment at once (status booked).
    /// The caller has taken the window's slot in the same transaction. Until the back office syncs the job, this booking is
    /// the appointment: <see cref="AppointmentId"/> is the booking's own id.
    /// </summary>
    public static Booking BookFromPortal(
        Guid id, TenantId tenantId, Ref jobType, Ref customer, Ref location, Guid? portalUserId, Guid windowId, string? description, string? contactPhone,
        string idempotencyScope, string idempotencyKey, string requestHash, DateTimeOffset now)
    {
        if (jobType.Id == Guid.Empty || string.IsNullOrEmpty(jobType.ExternalId) || windowId == Guid.Empty)
        {
            throw new DomainException("required", "A booked appointment names a job type and a window.");
        }

        var booking = new Booking
        {
            Id = id,
            TenantId = tenantId,
            Source = BookingSource.Portal,
            Status = BookingStatus.Booked,
            JobTypeId = jobType.Id,
            JobTypeExternalId = jobType.ExternalId,
            Description = string.IsNullOrWhiteSpace(description) ? null : Guard.Required(description, "description", BookingRules.DescriptionMaxLength),
            CreatedAt = now,
            CustomerId = customer.Id,
            CustomerExternalId = customer.ExternalId,
            LocationId = location.Id,
            LocationExternalId = location.ExternalId,
            PortalUserId = portalUserId,
            ContactPhone = string.IsNullOrWhiteSpace(contactPhone) ? null : Phone(contactPhone, "contactPhone"),
            IdempotencyScope = Guard.Required(idempotencyScope, "Idempotency scope", BookingRules.IdempotencyScopeMaxLength),
            IdempotencyKey = Guard.Required(idempotencyKey, "Idempotency key", BookingRules.IdempotencyKeyMaxLength),
            RequestHash = Guard.Required(requestHash, "Request hash", 100),
            CapacityWindowId = windowId,
            AppointmentId = id,
        };
        return booking;
    }

    /// <summary>Moves a booked appointment to another window (the caller took its slot and returns the old one). Only while booked.</summary>
    public void Reschedule(Guid windowId, string idempotencyKey, string requestHash, DateTimeOffset now)
    {
        EnsureBooked();
        if (windowId == Guid.Empty || windowId == CapacityWindowId)
        {
            throw new DomainException("same_window", "Choose another window than the booked one.");
        }

        CapacityWindowId = windowId;
        RescheduledAt = now;
        Changed(idempotencyKey, requestHash);
    }

    /// <summary>The customer canceled a booked appointment (the caller returns its slot). Only while booked; the reason is optional.</summary>
    public void Cancel(string? reason, string idempotencyKey, string requestHash, DateTimeOffset now)
    {
        EnsureBooked();
        CancelReason = string.IsNullOrWhiteSpace(reason) ? null : Guard.Required(reason, "reason", BookingRules.CancelReasonMaxLength);
        Status = BookingStatus.Canceled;
        CanceledAt = now;
        Changed(idempotencyKey, requestHash);
    }

    /// <summary>A website visitor's request: who they are and where, nothing tied to a customer record.</summary>
    public static Booking RequestFromWebsite(
        Guid id, TenantId tenantId, Ref jobType, WebsiteRequester requester, IReadOnlyList<PreferredWindow> windows, string? description, DateOnly today, DateTimeOffset now)
    {
        if (requester is null || requester.Address is null)
        {
            throw new DomainException("required", "A website request names the visitor, their email, phone and address.");
        }

        var booking = New(id, tenantId, BookingSource.Website, jobType, windows, description, today, now);
        booking.RequesterName = Guard.Required(requester.Name, "Name", Limits.NameMaxLength);
        booking.RequesterEmail = ContactRules.IsEmail(requester.Email?.Trim()) ? requester.Email!.Trim() : throw new DomainException("invalid_email", "email is not a valid address.");
        booking.ContactPhone = Phone(requester.Phone, "phone");
        booking.RequesterAddress = requester.Address;
        return booking;
    }

    /// <summary>
    /// The office scheduled it in the back office: links the job (and the appointment when given). From new (it becomes
    /// scheduled), or from booked before a job was linked: a self-scheduled appointment stays booked, now tied to the back
    /// office's job, and nothing new is made.
    /// </summary>
    public void Schedule(string jobExternalId, string? appointmentExternalId, string actor, DateTimeOffset now)
    {
        if (!(Status == BookingStatus.Booked && JobExternalId is null))
        {
            EnsureNew();
        }

        JobExternalId = Guard.Required(jobExternalId, "jobId", Limits.ExternalIdMaxLength);
        AppointmentExternalId = string.IsNullOrWhiteSpace(appointmentExternalId) ? null : Guard.Required(appointmentExternalId, "appointmentId", Limits.ExternalIdMaxLength);
        Status = Status == BookingStatus.Booked ? BookingStatus.Booked : BookingStatus.Scheduled;
        ScheduledAt = now;
        HandledBy = Guard.Required(actor, "Actor", BookingRules.HandledByMaxLength);
    }

    /// <summary>The office will not do it: a reason is required. Only from new.</summary>
    public void Dismiss(string reason, string actor, DateTimeOffset now)
    {
        EnsureNew();
        DismissReason = Guard.Required(reason, "reason", BookingRules.DismissReasonMaxLength);
        Status = BookingStatus.Dismissed;
        DismissedAt = now;
        HandledBy = Guard.Required(actor, "Actor", BookingRules.HandledByMaxLength);
    }

    private void EnsureNew()
    {
        if (Status != BookingStatus.New)
        {
            throw new DomainException(BookingRules.NotNew, $"The booking was already {Status.ToString().ToLowerInvariant()}.", DomainErrorKind.Conflict);
        }
    }

    private void EnsureBooked()
    {
        if (Status != BookingStatus.Booked)
        {
            throw new DomainException(BookingRules.NotChangeable, "Only a booked appointment can be rescheduled or canceled.", DomainErrorKind.Conflict);
        }
    }

    private void Changed(string idempotencyKey, string requestHash)
    {
        ChangeIdempotencyKey = Guard.Required(idempotencyKey, "Idempotency key", BookingRules.IdempotencyKeyMaxLength);
        ChangeRequestHash = Guard.Required(requestHash, "Request hash", 100);
        Version++;
    }

    private static Booking New(
        Guid id, TenantId tenantId, BookingSource source, Ref jobType, IReadOnlyList<PreferredWindow> windows, string? description, DateOnly today, DateTimeOffset now)
    {
        if (BookingRules.WhyNotAcceptable(windows, today) is { } why)
        {
            throw new DomainException(BookingRules.InvalidPreferredWindows, why);
        }

        if (jobType.Id == Guid.Empty || string.IsNullOrEmpty(jobType.ExternalId))
        {
            throw new DomainException("required", "A booking names a job type.");
        }

        return new Booking
        {
            Id = id,
            TenantId = tenantId,
            Source = source,
            Status = BookingStatus.New,
            JobTypeId = jobType.Id,
            JobTypeExternalId = jobType.ExternalId,
            _preferredWindows = windows.ToList(),
            Description = string.IsNullOrWhiteSpace(description) ? null : Guard.Required(description, "description", BookingRules.DescriptionMaxLength),
            CreatedAt = now,
        };
    }

    private static string Phone(string? value, string field) =>
        ContactRules.IsE164Phone(value?.Trim()) ? value!.Trim() : throw new DomainException("invalid_phone", $"{field} is a phone number in E.164 form, such as +15555550123.");
}

using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalScheduling;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Domain.Bookings;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings.RequestPortalBooking;

/// <summary>
/// The body of POST /v1/portal/bookings: a request for work at one of the user's locations (preferredWindows), or, for a
/// self-schedulable job type, an appointment in a chosen window (windowId).
/// </summary>
/// <param name="JobTypeId">A job type open to requests (self-schedulable, with windowId).</param>
/// <param name="LocationId">A location of a customer the user can see (service-only access is enough).</param>
/// <param name="PreferredWindows">A request: 1 to 3 ranges of days, today or later, in the company's time zone. Not with windowId.</param>
/// <param name="Description">What needs doing (at most 2000 characters).</param>
/// <param name="ContactPhone">A number to call back (E.164), when not the one on file.</param>
/// <param name="WindowId">A self-scheduled appointment: the id of a free window from GET /v1/portal/availability. Not with preferredWindows.</param>
public sealed record RequestPortalBookingRequest(
    [property: Required] Guid? JobTypeId, [property: Required] Guid? LocationId, IReadOnlyList<PreferredWindowInput?>? PreferredWindows,
    string? Description, string? ContactPhone, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? WindowId = null);

/// <summary>
/// The signed-in user asks for work, or books a window (not in the mediator's transaction: a booking takes its slot and saves
/// in a transaction of its own; a lost race on the Idempotency-Key answers the winner's booking, and its slot goes back).
/// </summary>
public sealed record RequestPortalBookingCommand(string? IdempotencyKey, RequestPortalBookingRequest Body) : ISelfTransactedCommand<Result<PortalBookingDto>>;

internal sealed class RequestPortalBookingHandler(
    IAppDbContext db, PortalViewer viewer, BookableJobTypes jobTypes, ICurrentTenant tenant, IClock clock, IUnitOfWork unitOfWork, IAuditLog audit)
    : ICommandHandler<RequestPortalBookingCommand, Result<PortalBookingDto>>
{
    public async ValueTask<Result<PortalBookingDto>> Handle(RequestPortalBookingCommand request, CancellationToken cancellationToken)
    {
        var context = await PortalContext.LoadAsync(db, tenant, clock, cancellationToken);
        if (!context.Settings.Features.JobBooking)
        {
            return BookingCodes.BookingOff();
        }

        var scope = ScopeOf(viewer.Session);
        var key = request.IdempotencyKey!;
        var hash = BookingRequestRules.HashOf(request.Body);
        var existing = await db.Set<Booking>().AsNoTracking().SingleOrDefaultAsync(b => b.IdempotencyScope == scope && b.IdempotencyKey == key, cancellationToken);
        if (existing is not null)
        {
            return await ReplayAsync(existing, hash, context.Zone, cancellationToken);
        }

        // Unknown, removed, another customer's or another company's location: the same 404.
        var location = await db.Set<Location>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == request.Body.LocationId, cancellationToken);
        if (location is null || await viewer.AccessToAsync(location.CustomerId, cancellationToken) is null)
        {
            return Error.NotFound("location");
        }

        var jobType = await jobTypes.RequestableAsync(request.Body.JobTypeId, cancellationToken);
        if (jobType is null)
        {
            return BookingCodes.NotBookable();
        }

        if (request.Body.WindowId is { } windowId)
        {
            return await BookAsync(context, jobType, location, windowId, scope, key, hash, request.Body, cancellationToken);
        }

        Booking booking;
        try
        {
            booking = Booking.RequestFromPortal(
                UuidV7.NewGuid(), tenant.Required(), new Ref(jobType.Id, jobType.ExternalId), location.Customer, new Ref(location.Id, location.ExternalId), viewer.Session.UserId,
                request.Body.PreferredWindows!.Select(w => w!.ToDomain()).ToList(), request.Body.Description, request.Body.ContactPhone, scope, key, hash, context.Today, context.Now);
        }
        catch (DomainException ex) when (ex.Code == BookingRules.InvalidPreferredWindows)
        {
            return BookingCodes.WindowsRefused(ex);
        }

        db.Set<Booking>().Add(booking);
        BookingAnnouncements.Requested(db, booking);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<Booking>(nameof(Booking.IdempotencyKey)))
        {
            // The same key raced this request and was saved first: answer as its replay.
            db.ClearTracked();
            var winner = await db.Set<Booking>().AsNoTracking().SingleAsync(b => b.IdempotencyScope == scope && b.IdempotencyKey == key, cancellationToken);
            return await ReplayAsync(winner, hash, context.Zone, cancellationToken);
        }

        return (await BookingReader.ForPortalAsync(db, [booking], context.Zone, cancellationToken))[0];
    }

    /// <summary>A self-scheduled appointment: the window is offered, then its slot is taken and the booking saved in one transaction.</summary>
    private async Task<Result<PortalBookingDto>> BookAsync(
        PortalContext context, Domain.Work.JobType jobType, Location location, Guid windowId, string scope, string key, string hash, RequestPortalBookingRequest body,
        CancellationToken ct)
    {
        var settings = await BookingSettingsReader.GetAsync(db, tenant.Required(), ct);
        if (!settings.CanSelfSchedule(jobType.Id, context.Settings.Features))
        {
            return PortalBookingErrors.NotSelfSchedulable;
        }

        var offered = await SelfScheduling.OfferedAsync(db, settings, settings.For(jobType.Id)!, windowId, context.Now, ct);
        if (!offered.IsSuccess)
        {
            return offered.Error!;
        }

        var window = offered.Value!;
        try
        {
            var booked = await unitOfWork.ExecuteAsync<Result<Booking>>(
                async token =>
                {
                    if (!await CapacitySlots.TryTakeAsync(db, window.Id, context.Now, token))
                    {
                        return SelfSchedulingCodes.Full();
                    }

                    var booking = Booking.BookFromPortal(
                        UuidV7.NewGuid(), tenant.Required(), new Ref(jobType.Id, jobType.ExternalId), location.Customer, new Ref(location.Id, location.ExternalId),
                        viewer.Session.UserId, window.Id, body.Description, body.ContactPhone, scope, key, hash, context.Now);
                    db.Set<Booking>().Add(booking);
                    SelfScheduling.Announce(db, audit, booking, BookingEvents.AppointmentBooked, window, null, context.Now);
                    await db.SaveChangesAsync(token);
                    return booking;
                },
                r => r.IsSuccess,
                ct);
            if (!booked.IsSuccess)
            {
                return booked.Error!;
            }

            return (await BookingReader.ForPortalAsync(db, [booked.Value!], context.Zone, ct))[0];
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<Booking>(nameof(Booking.IdempotencyKey)))
        {
            // The same key raced this booking and was saved first; this transaction (and its slot) was rolled back.
            db.ClearTracked();
            var winner = await db.Set<Booking>().AsNoTracking().SingleAsync(b => b.IdempotencyScope == scope && b.IdempotencyKey == key, ct);
            return await ReplayAsync(winner, hash, context.Zone, ct);
        }
    }

    /// <summary>Whose requests these are: the user's, or the session's for a session opened by a portal link.</summary>
    internal static string ScopeOf(PortalSessionInfo session) => session.UserId is { } userId ? $"user:{userId}" : $"session:{session.SessionId}";

    private async Task<Result<PortalBookingDto>> ReplayAsync(Booking existing, string hash, TimeZoneInfo zone, CancellationToken ct) =>
        existing.RequestHash == hash
            ? (await BookingReader.ForPortalAsync(db, [existing], zone, ct))[0]
            : Error.Unprocessable(BookingCodes.IdempotencyKeyReused, "This Idempotency-Key was used with a different request; use a new key for a new request.");
}

using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Bookings;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings.RequestPortalBooking;

/// <summary>The body of POST /v1/portal/bookings: a request for work at one of the user's locations.</summary>
/// <param name="JobTypeId">A job type open to requests.</param>
/// <param name="LocationId">A location of a customer the user can see (service-only access is enough).</param>
/// <param name="PreferredWindows">1 to 3 ranges of days, today or later, in the company's time zone.</param>
/// <param name="Description">What needs doing (at most 2000 characters).</param>
/// <param name="ContactPhone">A number to call back (E.164), when not the one on file.</param>
public sealed record RequestPortalBookingRequest(
    [property: Required] Guid? JobTypeId, [property: Required] Guid? LocationId, [property: Required] IReadOnlyList<PreferredWindowInput?>? PreferredWindows,
    string? Description, string? ContactPhone);

/// <summary>
/// The signed-in user asks for work (not in the mediator's transaction: a lost race on the Idempotency-Key answers the
/// winner's request).
/// </summary>
public sealed record RequestPortalBookingCommand(string? IdempotencyKey, RequestPortalBookingRequest Body) : ISelfTransactedCommand<Result<PortalBookingDto>>;

internal sealed class RequestPortalBookingHandler(IAppDbContext db, PortalViewer viewer, BookableJobTypes jobTypes, ICurrentTenant tenant, IClock clock)
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

    /// <summary>Whose requests these are: the user's, or the session's for a session opened by a portal link.</summary>
    internal static string ScopeOf(PortalSessionInfo session) => session.UserId is { } userId ? $"user:{userId}" : $"session:{session.SessionId}";

    private async Task<Result<PortalBookingDto>> ReplayAsync(Booking existing, string hash, TimeZoneInfo zone, CancellationToken ct) =>
        existing.RequestHash == hash
            ? (await BookingReader.ForPortalAsync(db, [existing], zone, ct))[0]
            : Error.Unprocessable(BookingCodes.IdempotencyKeyReused, "This Idempotency-Key was used with a different request; use a new key for a new request.");
}

using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Bookings;
using HeadlessPortal.Domain.Common;
using Mediator;

namespace HeadlessPortal.Application.Bookings.RequestWebsiteBooking;

/// <summary>An address, as a website visitor types it.</summary>
/// <param name="Line1">Street and number.</param>
/// <param name="Line2">Apartment, suite.</param>
/// <param name="City">City.</param>
/// <param name="Region">State or province.</param>
/// <param name="PostalCode">ZIP or postal code.</param>
/// <param name="Country">ISO 3166 two-letter code, such as US.</param>
public sealed record WebsiteAddressInput([property: Required] string? Line1, string? Line2, [property: Required] string? City, string? Region, string? PostalCode, [property: Required] string? Country);

/// <summary>The body of POST /v1/public/booking-requests.</summary>
/// <param name="Name">The visitor's name.</param>
/// <param name="Email">Their email address.</param>
/// <param name="Phone">Their phone number (E.164, such as +15555550123).</param>
/// <param name="Address">Where the work is.</param>
/// <param name="JobTypeId">A job type open to requests.</param>
/// <param name="PreferredWindows">1 to 3 ranges of days, today or later, in the company's time zone.</param>
/// <param name="Description">What needs doing (at most 2000 characters).</param>
/// <param name="Website">Leave empty: a field hidden from people, which only robots fill in. A request with it filled in is answered as received and not kept.</param>
public sealed record RequestWebsiteBookingRequest(
    [property: Required] string? Name, [property: Required] string? Email, [property: Required] string? Phone, [property: Required] WebsiteAddressInput? Address,
    [property: Required] Guid? JobTypeId, [property: Required] IReadOnlyList<PreferredWindowInput?>? PreferredWindows, string? Description, string? Website);

/// <summary>A website visitor asks for work. Nothing in the answer depends on who the visitor is: customers are not matched.</summary>
public sealed record RequestWebsiteBookingCommand(RequestWebsiteBookingRequest Body) : ITransactionalCommand<Result<WebsiteBookingReceiptDto>>;

internal sealed class RequestWebsiteBookingHandler(IAppDbContext db, BookableJobTypes jobTypes, ICurrentTenant tenant, IClock clock)
    : ICommandHandler<RequestWebsiteBookingCommand, Result<WebsiteBookingReceiptDto>>
{
    public async ValueTask<Result<WebsiteBookingReceiptDto>> Handle(RequestWebsiteBookingCommand request, CancellationToken cancellationToken)
    {
        var context = await PortalContext.LoadAsync(db, tenant, clock, cancellationToken);
        if (!context.Settings.Features.JobBooking)
        {
            return BookingCodes.BookingOff();
        }

        if (!await jobTypes.WebsiteRequestsAsync(cancellationToken))
        {
            return BookingCodes.WebsiteOff();
        }

        // A robot filled in the hidden field: it gets the answer a person gets, and nothing is kept.
        if (!string.IsNullOrEmpty(request.Body.Website))
        {
            return WebsiteBookingReceiptDto.Received;
        }

        var jobType = await jobTypes.RequestableAsync(request.Body.JobTypeId, cancellationToken);
        if (jobType is null)
        {
            return BookingCodes.NotBookable();
        }

        var body = request.Body;
        Booking booking;
        try
        {
            var a = body.Address!;
            var requester = new WebsiteRequester(body.Name!, body.Email!.Trim(), body.Phone!.Trim(), new Address(a.Line1!, a.Line2, a.City!, a.Region, a.PostalCode, a.Country!));
            booking = Booking.RequestFromWebsite(
                UuidV7.NewGuid(), tenant.Required(), new Ref(jobType.Id, jobType.ExternalId), requester, body.PreferredWindows!.Select(w => w!.ToDomain()).ToList(), body.Description,
                context.Today, context.Now);
        }
        catch (DomainException ex) when (ex.Code == BookingRules.InvalidPreferredWindows)
        {
            return BookingCodes.WindowsRefused(ex);
        }

        db.Set<Booking>().Add(booking);
        BookingAnnouncements.Requested(db, booking);
        await db.SaveChangesAsync(cancellationToken);
        return WebsiteBookingReceiptDto.Received;
    }
}

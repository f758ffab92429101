using System.Globalization;
using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Bookings;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings;

/// <summary>Asks for the office's email about a new booking request (composed when delivered).</summary>
/// <param name="BookingId">The booking.</param>
public sealed record BookingEmailRequested(Guid BookingId)
{
    public const string Type = "booking.email-requested";

    public static OutboxMessage Create(Booking booking) =>
        OutboxMessage.For(booking.TenantId, Type, JsonSerializer.Serialize(new BookingEmailRequested(booking.Id), PortalJson.Options), booking.CreatedAt);
}

/// <summary>
/// Composes and queues the email to the company's office address (its account's email) about a new booking request;
/// none when the company has no office address. Delivered again, it finds the email it queued and queues nothing more.
/// </summary>
internal sealed class BookingEmailRequestedHandler(IAppDbContext db, IUnitOfWork unitOfWork, IEmailComposer composer, PortalEmails portalEmails, IClock clock)
    : IOutboxHandler
{
    public string Type => BookingEmailRequested.Type;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var request = OutboxPayload.Read<BookingEmailRequested>(message, PortalJson.Options, "a booking email request");
        var officeEmailId = PortalEmails.DerivedMessageId(message.Id, "office");
        await unitOfWork.ExecuteAsync(
            async ct =>
            {
                var booking = await db.Set<Booking>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == request.BookingId, ct);
                if (booking is null || await db.OutboxMessages.AnyAsync(m => m.Id == officeEmailId, ct))
                {
                    return false;
                }

                var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == booking.TenantId, ct);
                if (string.IsNullOrWhiteSpace(tenant.AccountSettings.Email))
                {
                    return false;
                }

                var zone = TenantTime.ZoneOf(tenant.AccountSettings);
                var jobType = await db.Set<JobType>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().Where(j => j.Id == booking.JobTypeId).Select(j => j.Name).SingleOrDefaultAsync(ct);
                var requester = booking.RequesterName;
                var address = booking.RequesterAddress;
                if (booking.Source == BookingSource.Portal)
                {
                    requester = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().Where(c => c.Id == booking.CustomerId).Select(c => c.Name).SingleOrDefaultAsync(ct);
                    address = (await db.Set<Location>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().SingleOrDefaultAsync(l => l.Id == booking.LocationId, ct))?.Address;
                }

                var values = new Dictionary<string, string>
                {
                    [EmailTemplateCatalog.RequesterName] = requester ?? string.Empty,
                    [EmailTemplateCatalog.JobTypeName] = jobType ?? booking.JobTypeExternalId,
                    [EmailTemplateCatalog.BookingSource] = BookingNames.Of(booking.Source),
                    [EmailTemplateCatalog.PreferredWindows] = WindowsText(booking.PreferredWindows),
                    [EmailTemplateCatalog.Description] = booking.Description ?? string.Empty,
                    [EmailTemplateCatalog.ContactPhone] = booking.ContactPhone ?? string.Empty,
                    [EmailTemplateCatalog.ContactEmail] = booking.RequesterEmail ?? string.Empty,
                    [EmailTemplateCatalog.ServiceAddress] = address is null ? string.Empty : AddressText(address),
                    [EmailTemplateCatalog.RequestedAt] = booking.CreatedAt.In(zone).ToString("MMMM d, yyyy h:mm tt", CultureInfo.InvariantCulture),
                    [EmailTemplateCatalog.CustomerPortalLink] = await portalEmails.PortalUrlAsync(booking.TenantId, ct),
                };
                var email = await composer.ComposeAsync(EmailTemplateKind.BookingRequested, tenant.AccountSettings.Email, values, ct);
                db.OutboxMessages.Add(EmailMessages.Create(booking.TenantId, email, clock.UtcNow, officeEmailId));
                await db.SaveChangesAsync(ct);
                return true;
            },
            _ => true,
            cancellationToken);
        return OutboxDelivery.Done;
    }

    /// <summary>"Dec 8 – Dec 9, 2026; Dec 12, 2026".</summary>
    public static string WindowsText(IEnumerable<PreferredWindow> windows) =>
        string.Join("; ", windows.Select(w => w.From == w.To
            ? w.From.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)
            : $"{w.From.ToString("MMM d", CultureInfo.InvariantCulture)} – {w.To.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}"));

    private static string AddressText(Address a) =>
        string.Join(", ", new[] { a.Line1, a.Line2, a.City, string.Join(" ", new[] { a.Region, a.PostalCode }.Where(p => !string.IsNullOrEmpty(p))), a.Country }
            .Where(p => !string.IsNullOrEmpty(p)));
}

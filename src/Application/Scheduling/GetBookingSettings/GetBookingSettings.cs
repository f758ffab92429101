using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using Mediator;

namespace HeadlessPortal.Application.Scheduling.GetBookingSettings;

/// <summary>The current tenant's booking settings (the defaults when never set).</summary>
public sealed record GetBookingSettingsQuery : IQuery<BookingSettingsDto>;

internal sealed class GetBookingSettingsHandler(IAppDbContext db, ICurrentTenant tenant, IClock clock) : IQueryHandler<GetBookingSettingsQuery, BookingSettingsDto>
{
    public async ValueTask<BookingSettingsDto> Handle(GetBookingSettingsQuery request, CancellationToken cancellationToken)
    {
        var settings = await BookingSettingsReader.GetAsync(db, tenant.Required(), cancellationToken);
        var portal = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        return await BookingSettingsDto.FromAsync(db, settings, portal.Features, cancellationToken);
    }
}

using HeadlessPortal.Application.Portal;
using Mediator;

namespace HeadlessPortal.Application.PortalAuth.GetPortalMe;

/// <summary>The signed-in user and every customer they can access.</summary>
/// <param name="Email">The user's email; null for a portal-link session.</param>
/// <param name="Customers">Customers the user can see, by name.</param>
public sealed record PortalMeDto(string? Email, IReadOnlyList<AccessibleCustomer> Customers);

/// <summary>Who is signed in.</summary>
public sealed record GetPortalMeQuery : IQuery<PortalMeDto>;

internal sealed class GetPortalMeHandler(CurrentPortalSession current, PortalViewer viewer) : IQueryHandler<GetPortalMeQuery, PortalMeDto>
{
    public async ValueTask<PortalMeDto> Handle(GetPortalMeQuery request, CancellationToken cancellationToken)
    {
        var me = current.Required;
        return new PortalMeDto(me.Email, await viewer.CustomersAsync(cancellationToken));
    }
}

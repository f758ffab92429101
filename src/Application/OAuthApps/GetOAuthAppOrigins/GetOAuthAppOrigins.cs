using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.OAuthApps.GetOAuthAppOrigins;

/// <summary>The browser origins a front-end app may call the token server from, by its client id; empty for an unknown one.</summary>
/// <param name="ClientId">The client_id of a token or revocation request.</param>
public sealed record GetOAuthAppOriginsQuery(string ClientId) : IQuery<IReadOnlyList<string>>;

internal sealed class GetOAuthAppOriginsHandler(IAppDbContext db) : IQueryHandler<GetOAuthAppOriginsQuery, IReadOnlyList<string>>
{
    // The token endpoint has no tenant context: the client id alone names the app, across tenants.
    public async ValueTask<IReadOnlyList<string>> Handle(GetOAuthAppOriginsQuery request, CancellationToken cancellationToken)
    {
        var app = await db.Set<OAuthApp>().IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(a => a.ClientId == request.ClientId, cancellationToken);
        return app?.AllowedOrigins ?? [];
    }
}

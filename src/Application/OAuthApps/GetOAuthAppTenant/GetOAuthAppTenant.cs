using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.OAuthApps.GetOAuthAppTenant;

/// <summary>
/// The tenant of a front-end app, by its client id: a sign-in on the hosted page is a sign-in to the portal of the tenant
/// that registered the app. Null when no app has that client id.
/// </summary>
/// <param name="ClientId">The client_id of an authorization request.</param>
public sealed record GetOAuthAppTenantQuery(string ClientId) : IQuery<Guid?>;

internal sealed class GetOAuthAppTenantHandler(IAppDbContext db) : IQueryHandler<GetOAuthAppTenantQuery, Guid?>
{
    // The authorization endpoint has no tenant context yet: the client id alone names the app, across tenants.
    public async ValueTask<Guid?> Handle(GetOAuthAppTenantQuery request, CancellationToken cancellationToken)
    {
        var app = await db.Set<OAuthApp>().IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(a => a.ClientId == request.ClientId, cancellationToken);
        return app?.TenantId.Value;
    }
}

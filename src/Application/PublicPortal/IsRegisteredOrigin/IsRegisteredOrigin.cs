using HeadlessPortal.Application.Common.Interfaces;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PublicPortal.IsRegisteredOrigin;

/// <summary>Whether a browser origin appears on any active publishable key (answers CORS preflights, which carry no key).</summary>
public sealed record IsRegisteredOriginQuery(string Origin) : IQuery<bool>;

internal sealed class IsRegisteredOriginHandler(IAppDbContext db) : IQueryHandler<IsRegisteredOriginQuery, bool>
{
    public async ValueTask<bool> Handle(IsRegisteredOriginQuery request, CancellationToken cancellationToken)
    {
        var keys = await db.PublishableKeys.IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.RevokedAt == null).Select(k => k.AllowedOrigins).ToListAsync(cancellationToken);
        return keys.Any(origins => origins.Contains(request.Origin, StringComparer.Ordinal));
    }
}

using FluentValidation;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth.GetActivePortalSession;

/// <summary>The open session an access token names, or null when it has ended or expired.</summary>
/// <param name="SessionId">From the token's sid claim.</param>
public sealed record GetActivePortalSessionQuery(Guid SessionId) : IQuery<PortalSessionInfo?>;

internal sealed class GetActivePortalSessionHandler(IAppDbContext db, IClock clock) : IQueryHandler<GetActivePortalSessionQuery, PortalSessionInfo?>
{
    public async ValueTask<PortalSessionInfo?> Handle(GetActivePortalSessionQuery request, CancellationToken cancellationToken)
    {
        // One statement: it runs on every signed-in portal request.
        var found = await (
            from s in db.Set<PortalSession>().AsNoTracking()
            where s.Id == request.SessionId
            from user in db.Set<PortalUser>().AsNoTracking().Where(u => u.Id == s.UserId).DefaultIfEmpty()
            select new { Session = s, Email = user == null ? null : user.Email }).SingleOrDefaultAsync(cancellationToken);
        if (found is null || !found.Session.IsActive(clock.UtcNow))
        {
            return null;
        }

        return new PortalSessionInfo(found.Session.Id, found.Session.UserId, found.Email, found.Session.LinkCustomerId, found.Session.ExpiresAt);
    }
}

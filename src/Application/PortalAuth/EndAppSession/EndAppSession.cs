using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth.EndAppSession;

/// <summary>
/// Ends the portal session behind a front-end app's refresh token, when the app revokes it or a spent one is presented
/// again: the access tokens already issued for it stop working on their next request. Ending an ended session is done.
/// </summary>
/// <param name="SessionId">The session the token names.</param>
/// <param name="Reason">SignedOut (revoked by the app) or RefreshTokenReused.</param>
public sealed record EndAppSessionCommand(Guid SessionId, SessionEndReason Reason) : ITransactionalCommand<Result<bool>>;

internal sealed class EndAppSessionHandler(IAppDbContext db, IClock clock) : ICommandHandler<EndAppSessionCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(EndAppSessionCommand request, CancellationToken cancellationToken)
    {
        var session = await db.Set<PortalSession>().SingleOrDefaultAsync(s => s.Id == request.SessionId && s.EndedAt == null, cancellationToken);
        if (session is not null)
        {
            session.End(request.Reason, clock.UtcNow);
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }
}

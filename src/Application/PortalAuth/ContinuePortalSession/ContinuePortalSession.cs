using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth.ContinuePortalSession;

/// <summary>
/// Whether the token server may issue new tokens for a session (a code exchanged, a refresh token rotated): the session
/// is open and its user still has a customer to see. Marks when the session was last refreshed.
/// </summary>
/// <param name="SessionId">The session the grant names.</param>
public sealed record ContinuePortalSessionCommand(Guid SessionId) : ITransactionalCommand<Result<bool>>;

internal sealed class ContinuePortalSessionHandler(IAppDbContext db, IClock clock, PortalCustomerAccess access)
    : ICommandHandler<ContinuePortalSessionCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(ContinuePortalSessionCommand request, CancellationToken cancellationToken)
    {
        var session = await db.Set<PortalSession>().SingleOrDefaultAsync(s => s.Id == request.SessionId, cancellationToken);
        if (session is null || !await PortalSessionContinuation.MayContinueAsync(db, access, clock, session, cancellationToken))
        {
            return PortalAuthErrors.InvalidRefreshToken;
        }

        session.Refreshed(clock.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

/// <summary>The rule for issuing a session more tokens, whichever refresh token asks.</summary>
internal static class PortalSessionContinuation
{
    /// <summary>Open, and a user's email still a portal contact of some customer (a portal-link session sees its one customer).</summary>
    public static async Task<bool> MayContinueAsync(IAppDbContext db, PortalCustomerAccess access, IClock clock, PortalSession session, CancellationToken ct)
    {
        if (!session.IsActive(clock.UtcNow))
        {
            return false;
        }

        if (session.UserId is not { } userId)
        {
            return true;
        }

        var email = await db.Set<PortalUser>().Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(ct);
        return await access.AnyForEmailAsync(email, ct);
    }
}

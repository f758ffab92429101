using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth.SignOut;

/// <summary>Ends a session: the one of the given refresh token, or else the current one.</summary>
/// <param name="RefreshToken">Optional: the session's refresh token, for a client whose access token has expired.</param>
/// <param name="Everywhere">End every session of the user.</param>
public sealed record SignOutCommand(string? RefreshToken, bool Everywhere) : ITransactionalCommand<Result<bool>>;

internal sealed class SignOutHandler(IAppDbContext db, ISecrets secrets, IClock clock, CurrentPortalSession current)
    : ICommandHandler<SignOutCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(SignOutCommand request, CancellationToken cancellationToken)
    {
        Guid? sessionId = current.Value?.SessionId;
        if (!string.IsNullOrEmpty(request.RefreshToken))
        {
            var hash = secrets.Hash(request.RefreshToken);
            sessionId = await db.Set<RefreshToken>().Where(t => t.TokenHash == hash).Select(t => (Guid?)t.SessionId).SingleOrDefaultAsync(cancellationToken);
        }

        if (sessionId is null)
        {
            // Signing out of something that is not there is already done.
            return true;
        }

        var session = await db.Set<PortalSession>().SingleAsync(s => s.Id == sessionId, cancellationToken);
        if (request.Everywhere && session.UserId is { } userId)
        {
            await PortalSessions.EndUserSessionsAsync(db, clock, userId, SessionEndReason.SignedOutEverywhere, keep: null, cancellationToken);
        }

        session.End(request.Everywhere ? SessionEndReason.SignedOutEverywhere : SessionEndReason.SignedOut, clock.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalAuth.ContinuePortalSession;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth.RefreshPortalTokens;

/// <summary>Exchanges a refresh token for a new pair; the old refresh token is spent.</summary>
/// <param name="RefreshToken">The refresh token.</param>
public sealed record RefreshPortalTokensCommand(string RefreshToken) : ISelfTransactedCommand<Result<PortalTokens>>;

internal sealed class RefreshPortalTokensHandler(
    IAppDbContext db, IUnitOfWork unitOfWork, ISecrets secrets, IClock clock, PortalCustomerAccess access, PortalSessionStarter sessions, IPortalTokenIssuer tokens)
    : ICommandHandler<RefreshPortalTokensCommand, Result<PortalTokens>>
{
    public async ValueTask<Result<PortalTokens>> Handle(RefreshPortalTokensCommand request, CancellationToken cancellationToken) =>
        request.RefreshToken.StartsWith(PortalSessionStarter.LegacyRefreshTokenPrefix, StringComparison.Ordinal)
            ? await RefreshLegacyAsync(request.RefreshToken, cancellationToken)
            : await tokens.RefreshAsync(request.RefreshToken, cancellationToken);

    /// <summary>
    /// A refresh token the first-party endpoints issued before the token server issued theirs: spent here, by the same
    /// rules (a second use, even a concurrent one, is a reuse and ends the session), and replaced by the token server's pair.
    /// </summary>
    private async Task<Result<PortalTokens>> RefreshLegacyAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = secrets.Hash(refreshToken);
        PortalSession? session = null;
        var result = await unitOfWork.ExecuteAsync<Result<bool>>(
            async ct =>
            {
                var now = clock.UtcNow;
                var token = await db.Set<RefreshToken>().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
                if (token is null)
                {
                    return PortalAuthErrors.InvalidRefreshToken;
                }

                session = await db.Set<PortalSession>().SingleAsync(s => s.Id == token.SessionId, ct);
                var spent = token.UsedAt is null && await db.Set<RefreshToken>()
                    .Where(t => t.Id == token.Id && t.UsedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct) == 1;
                if (!spent)
                {
                    session.End(SessionEndReason.RefreshTokenReused, now);
                    await db.SaveChangesAsync(ct);
                    return PortalAuthErrors.RefreshTokenReused;
                }

                if (token.IsExpired(now) || !await PortalSessionContinuation.MayContinueAsync(db, access, clock, session, ct))
                {
                    return PortalAuthErrors.InvalidRefreshToken;
                }

                session.Refreshed(now);
                await db.SaveChangesAsync(ct);
                return true;
            },
            _ => true,
            cancellationToken);

        return result.IsSuccess ? await sessions.TokensAsync(session!, cancellationToken) : result.Error!;
    }
}

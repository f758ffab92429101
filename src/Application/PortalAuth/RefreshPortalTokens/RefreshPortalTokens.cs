using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth.RefreshPortalTokens;

/// <summary>Exchanges a refresh token for a new pair; the old refresh token is spent.</summary>
/// <param name="RefreshToken">The refresh token.</param>
/// <param name="Issuer">Token issuer (from the request).</param>
public sealed record RefreshPortalTokensCommand(string RefreshToken, string Issuer) : ISelfTransactedCommand<Result<PortalTokens>>;

internal sealed class RefreshPortalTokensHandler(IAppDbContext db, IUnitOfWork unitOfWork, ISecrets secrets, IClock clock, PortalCustomerAccess access, PortalSessionStarter sessions)
    : ICommandHandler<RefreshPortalTokensCommand, Result<PortalTokens>>
{
    public async ValueTask<Result<PortalTokens>> Handle(RefreshPortalTokensCommand request, CancellationToken cancellationToken)
    {
        var hash = secrets.Hash(request.RefreshToken);
        PortalSession? session = null;
        string? refresh = null;
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

                // Spent only if nobody spent it first: a second use, even a concurrent one, is a reuse.
                var spent = token.UsedAt is null && await db.Set<RefreshToken>()
                    .Where(t => t.Id == token.Id && t.UsedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct) == 1;
                if (!spent)
                {
                    session.End(SessionEndReason.RefreshTokenReused, now);
                    await db.SaveChangesAsync(ct);
                    return PortalAuthErrors.RefreshTokenReused;
                }

                if (!session.IsActive(now) || token.IsExpired(now) || !await StillHasAccessAsync(session, ct))
                {
                    return PortalAuthErrors.InvalidRefreshToken;
                }

                session.Refreshed(now);
                refresh = sessions.AddRefreshToken(session);
                await db.SaveChangesAsync(ct);
                return true;
            },
            _ => true,
            cancellationToken);

        return result.IsSuccess ? await sessions.TokensAsync(session!, refresh!, request.Issuer, cancellationToken) : result.Error!;
    }

    private async Task<bool> StillHasAccessAsync(PortalSession session, CancellationToken ct)
    {
        if (session.UserId is not { } userId)
        {
            return true;
        }

        var email = await db.Set<PortalUser>().Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(ct);
        return await access.AnyForEmailAsync(email, ct);
    }
}

using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth.RedeemEmailLink;

/// <summary>
/// Follows an emailed link: accepts an invitation (setting a password), redeems a magic link, or completes a
/// password reset. Each proves the person owns the email, so the account is created if needed and signed in.
/// </summary>
/// <param name="Purpose">Which kind of link.</param>
/// <param name="Token">The token= value of the link.</param>
/// <param name="Password">The new password (invitation, password reset).</param>
public sealed record RedeemEmailLinkCommand(PortalTokenPurpose Purpose, string Token, string? Password) : ISelfTransactedCommand<Result<PortalTokens>>;

internal sealed class RedeemEmailLinkHandler(EmailLinkSessions links, PortalSessionStarter sessions)
    : ICommandHandler<RedeemEmailLinkCommand, Result<PortalTokens>>
{
    public async ValueTask<Result<PortalTokens>> Handle(RedeemEmailLinkCommand request, CancellationToken cancellationToken)
    {
        var started = await links.StartAsync(request.Purpose, request.Token, request.Password, cancellationToken);
        return started.IsSuccess ? await sessions.TokensAsync(started.Value.Session, cancellationToken) : started.Error!;
    }
}

/// <summary>
/// Spends an emailed link and starts a session: for the JSON endpoints and for the hosted sign-in page alike, with the
/// same rules (the tenant offers that way in, the link is unused and unexpired, the person still has a customer).
/// </summary>
internal sealed class EmailLinkSessions(
    IAppDbContext db, IUnitOfWork unitOfWork, ISecrets secrets, IPasswordHasher hasher, ICommonPasswords commonPasswords,
    IClock clock, ICurrentTenant tenant, PortalCustomerAccess access, PortalSessionStarter sessions)
{
    public async Task<Result<StartedSession>> StartAsync(PortalTokenPurpose purpose, string tokenValue, string? password, CancellationToken cancellationToken)
    {
        var passwordsOn = await SignInMethods.EnabledAsync(db, SignInMethod.Password, cancellationToken);
        if (purpose == PortalTokenPurpose.MagicLink && !await SignInMethods.EnabledAsync(db, SignInMethod.MagicLink, cancellationToken))
        {
            return PortalAuthErrors.MethodDisabled(SignInMethod.MagicLink);
        }

        if (purpose == PortalTokenPurpose.PasswordReset && !passwordsOn)
        {
            return PortalAuthErrors.MethodDisabled(SignInMethod.Password);
        }

        var hash = secrets.Hash(tokenValue);
        var token = await db.Set<PortalToken>().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose, cancellationToken);
        if (token is null || !token.IsUsable(clock.UtcNow))
        {
            return PortalAuthErrors.InvalidLink;
        }

        var existing = await db.Set<PortalUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Email == token.Email, cancellationToken);
        var needsPassword = purpose == PortalTokenPurpose.PasswordReset
            || (purpose == PortalTokenPurpose.Invitation && passwordsOn && existing?.PasswordHash is null);
        var setsPassword = purpose != PortalTokenPurpose.MagicLink && (needsPassword || password is not null);

        // Checked before the link is spent, so a weak password can be corrected with the same link; and hashed
        // before the write transaction, which should not wait for the slow hash.
        if (setsPassword && PasswordRules.Check(password, commonPasswords) is { } problem)
        {
            return PortalAuthErrors.Password(problem);
        }

        var passwordHash = setsPassword ? hasher.Hash(password!) : null;
        PortalSession? session = null;
        var result = await unitOfWork.ExecuteAsync<Result<bool>>(
            async ct =>
            {
                var now = clock.UtcNow;
                var spent = await db.Set<PortalToken>().Where(t => t.Id == token.Id && t.UsedAt == null && t.ExpiresAt > now)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct) == 1;
                if (!spent || !await access.AnyForEmailAsync(token.Email, ct))
                {
                    return PortalAuthErrors.InvalidLink;
                }

                var user = await db.Set<PortalUser>().SingleOrDefaultAsync(u => u.Email == token.Email, ct);
                if (user is null)
                {
                    user = PortalUser.CreateVerified(tenant.Required(), token.Email, now);
                    db.Set<PortalUser>().Add(user);
                    db.OutboxMessages.Add(PortalAccess.PortalUserEvents.ActivatedEvent(
                        user.TenantId, user.Id, user.Email, purpose == PortalTokenPurpose.Invitation ? "invitation" : purpose == PortalTokenPurpose.MagicLink ? "magicLink" : "passwordReset", now));
                }

                if (passwordHash is not null)
                {
                    user.SetPassword(passwordHash, now);
                }

                if (purpose == PortalTokenPurpose.PasswordReset)
                {
                    // Whoever knew the old password is signed out everywhere.
                    await PortalSessions.EndUserSessionsAsync(db, clock, user.Id, SessionEndReason.PasswordChanged, keep: null, ct);
                }

                user.RecordSignIn(now);
                var method = purpose switch
                {
                    PortalTokenPurpose.Invitation => SignInMethodUsed.Invitation,
                    PortalTokenPurpose.MagicLink => SignInMethodUsed.MagicLink,
                    _ => SignInMethodUsed.PasswordReset,
                };
                session = PortalSession.ForUser(user.TenantId, user.Id, method, now);
                sessions.Add(session);
                await db.SaveChangesAsync(ct);
                return true;
            },
            r => r.IsSuccess,
            cancellationToken);

        return result.IsSuccess ? new StartedSession(session!) : result.Error!;
    }
}

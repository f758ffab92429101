using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth.SignInWithPassword;

/// <summary>Signs in with email and password.</summary>
/// <param name="Email">The user's email.</param>
/// <param name="Password">The password.</param>
public sealed record SignInWithPasswordCommand(string Email, string Password) : ISelfTransactedCommand<Result<PortalTokens>>;

internal sealed class SignInWithPasswordHandler(PasswordSessions passwords, PortalSessionStarter sessions)
    : ICommandHandler<SignInWithPasswordCommand, Result<PortalTokens>>
{
    public async ValueTask<Result<PortalTokens>> Handle(SignInWithPasswordCommand request, CancellationToken cancellationToken)
    {
        var started = await passwords.StartAsync(request.Email, request.Password, cancellationToken);
        return started.IsSuccess ? await sessions.TokensAsync(started.Value.Session, cancellationToken) : started.Error!;
    }
}

/// <summary>
/// Checks an email and password and starts a session: for the JSON sign-in and for the hosted sign-in page alike, with
/// one lockout and one answer for every failure.
/// </summary>
internal sealed class PasswordSessions(
    IAppDbContext db, IUnitOfWork unitOfWork, IPasswordHasher hasher, IClock clock, PortalCustomerAccess access, PortalSessionStarter sessions)
{
    private static readonly Lock DummyLock = new();
    private static string? _dummyHash;

    public async Task<Result<StartedSession>> StartAsync(string emailAddress, string password, CancellationToken cancellationToken)
    {
        if (!await SignInMethods.EnabledAsync(db, SignInMethod.Password, cancellationToken))
        {
            return PortalAuthErrors.MethodDisabled(SignInMethod.Password);
        }

        var email = PortalUser.NormalizeEmail(emailAddress);
        var known = await db.Set<PortalUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (known?.PasswordHash is null || known.IsLockedOut(clock.UtcNow))
        {
            // The same work as a real check, so the answer takes as long for unknown and locked accounts.
            hasher.Verify(DummyHash(), password);
            return PortalAuthErrors.InvalidCredentials;
        }

        // The slow hash runs before the write transaction, which then only records the outcome.
        var check = hasher.Verify(known.PasswordHash, password);
        var upgraded = check == PasswordCheck.SuccessRehashNeeded ? hasher.Hash(password) : null;
        PortalSession? session = null;

        // Committed whatever the outcome: a failed attempt must count towards the lockout.
        var result = await unitOfWork.ExecuteAsync<Result<bool>>(
            async ct =>
            {
                var now = clock.UtcNow;
                var user = await db.Set<PortalUser>().SingleAsync(u => u.Id == known.Id, ct);
                if (check == PasswordCheck.Failed || user.PasswordHash != known.PasswordHash)
                {
                    user.RecordFailedSignIn(now, SignInLockoutPolicy.Default);
                    await db.SaveChangesAsync(ct);
                    return PortalAuthErrors.InvalidCredentials;
                }

                // Someone whose every customer revoked their access has nothing to sign in to.
                if (!await access.AnyForEmailAsync(email, ct))
                {
                    return PortalAuthErrors.InvalidCredentials;
                }

                if (upgraded is not null)
                {
                    user.UpgradePasswordHash(upgraded);
                }

                user.RecordSignIn(now);
                session = PortalSession.ForUser(user.TenantId, user.Id, SignInMethodUsed.Password, now);
                sessions.Add(session);
                await db.SaveChangesAsync(ct);
                return true;
            },
            _ => true,
            cancellationToken);

        return result.IsSuccess ? new StartedSession(session!) : result.Error!;
    }

    private string DummyHash()
    {
        lock (DummyLock)
        {
            return _dummyHash ??= hasher.Hash("not-a-real-password-" + Guid.NewGuid());
        }
    }
}

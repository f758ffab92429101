using Mediator;
using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.PortalUsers;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth;

/// <summary>Problem codes of the portal sign-in flows.</summary>
public static class PortalAuthErrors
{
    public static Error InvalidCredentials { get; } = new(ErrorKind.Unauthorized, "invalid_credentials",
        "The email or password is incorrect, or the account is locked for a while after too many attempts.");

    public static Error InvalidLink { get; } = new(ErrorKind.Unprocessable, "invalid_link",
        "This link is invalid, has expired or was already used; ask for a new one.");

    public static Error InvalidRefreshToken { get; } = new(ErrorKind.Unauthorized, "invalid_refresh_token",
        "The refresh token is invalid or expired, or its session has ended; sign in again.");

    public static Error RefreshTokenReused { get; } = new(ErrorKind.Unauthorized, "refresh_token_reused",
        "This refresh token was already used, so it may have been copied: the session is ended; sign in again.");

    public static Error PortalLinkLocked { get; } = new(ErrorKind.Forbidden, "portal_link_locked",
        "Too many wrong tries: this link is locked for an hour.");

    public static Error MethodDisabled(SignInMethod method) => new(ErrorKind.Forbidden, "sign_in_method_disabled",
        $"This portal does not offer the {char.ToLowerInvariant(method.ToString()[0]) + method.ToString()[1..]} sign-in method.");

    public static Error Password(string message) => new(ErrorKind.Unprocessable, "invalid_password", message)
    {
        Fields = new Dictionary<string, string[]> { ["password"] = [message] },
    };
}

/// <summary>Reads the tenant's sign-in methods.</summary>
internal static class SignInMethods
{
    public static async Task<bool> EnabledAsync(IAppDbContext db, SignInMethod method, CancellationToken ct)
    {
        var methods = await db.PortalSettings.AsNoTracking().Select(s => s.SignInMethods).SingleOrDefaultAsync(ct);
        return methods?.Contains(method) == true;
    }
}

/// <summary>"Email me a link": an invitation, a magic link or a password reset. Always accepted, whether or not the email is known.</summary>
/// <param name="Purpose">Which link.</param>
/// <param name="Email">The address typed in.</param>
public sealed record RequestPortalEmailCommand(PortalTokenPurpose Purpose, string Email) : ISelfTransactedCommand<Result<bool>>;

internal sealed class RequestPortalEmailValidator : AbstractValidator<RequestPortalEmailCommand>
{
    public RequestPortalEmailValidator() =>
        RuleFor(x => x.Email).Must(e => ContactRules.IsEmail(e?.Trim().ToLowerInvariant())).WithMessage("email must be a valid email address.");
}

internal sealed class RequestPortalEmailHandler(IAppDbContext db, ICurrentTenant tenant, IClock clock) : ICommandHandler<RequestPortalEmailCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(RequestPortalEmailCommand request, CancellationToken cancellationToken)
    {
        // The same single insert for every address: whether it is known is decided later, by the outbox handler.
        db.OutboxMessages.Add(PortalEmailRequested.Create(tenant.Id!.Value, new PortalEmailRequested(request.Purpose, PortalUser.NormalizeEmail(request.Email)), clock.UtcNow));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

/// <summary>Signs in with email and password.</summary>
/// <param name="Email">The user's email.</param>
/// <param name="Password">The password.</param>
/// <param name="Issuer">Token issuer (from the request).</param>
public sealed record SignInWithPasswordCommand(string Email, string Password, string Issuer) : ISelfTransactedCommand<Result<PortalTokens>>;

internal sealed class SignInWithPasswordValidator : AbstractValidator<SignInWithPasswordCommand>
{
    public SignInWithPasswordValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("email is required.").MaximumLength(ContactRules.EmailMaxLength);
        RuleFor(x => x.Password).NotEmpty().WithMessage("password is required.").MaximumLength(PasswordRules.MaxLength * 4);
    }
}

internal sealed class SignInWithPasswordHandler(
    IAppDbContext db, IUnitOfWork unitOfWork, IPasswordHasher hasher, IClock clock, PortalCustomerAccess access, PortalSessionStarter sessions)
    : ICommandHandler<SignInWithPasswordCommand, Result<PortalTokens>>
{
    private static readonly Lock DummyLock = new();
    private static string? _dummyHash;

    public async ValueTask<Result<PortalTokens>> Handle(SignInWithPasswordCommand request, CancellationToken cancellationToken)
    {
        if (!await SignInMethods.EnabledAsync(db, SignInMethod.Password, cancellationToken))
        {
            return PortalAuthErrors.MethodDisabled(SignInMethod.Password);
        }

        var email = PortalUser.NormalizeEmail(request.Email);
        var known = await db.Set<PortalUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (known?.PasswordHash is null || known.IsLockedOut(clock.UtcNow))
        {
            // The same work as a real check, so the answer takes as long for unknown and locked accounts.
            hasher.Verify(DummyHash(), request.Password);
            return PortalAuthErrors.InvalidCredentials;
        }

        // The slow hash runs before the write transaction, which then only records the outcome.
        var check = hasher.Verify(known.PasswordHash, request.Password);
        var upgraded = check == PasswordCheck.SuccessRehashNeeded ? hasher.Hash(request.Password) : null;
        PortalSession? session = null;
        string? refresh = null;

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
                refresh = sessions.Add(session);
                await db.SaveChangesAsync(ct);
                return true;
            },
            _ => true,
            cancellationToken);

        return result.IsSuccess ? await sessions.TokensAsync(session!, refresh!, request.Issuer, cancellationToken) : result.Error!;
    }

    private string DummyHash()
    {
        lock (DummyLock)
        {
            return _dummyHash ??= hasher.Hash("not-a-real-password-" + Guid.NewGuid());
        }
    }
}

/// <summary>Exchanges a refresh token for a new pair; the old refresh token is spent.</summary>
/// <param name="RefreshToken">The refresh token.</param>
/// <param name="Issuer">Token issuer (from the request).</param>
public sealed record RefreshPortalTokensCommand(string RefreshToken, string Issuer) : ISelfTransactedCommand<Result<PortalTokens>>;

internal sealed class RefreshPortalTokensValidator : AbstractValidator<RefreshPortalTokensCommand>
{
    public RefreshPortalTokensValidator() =>
        RuleFor(x => x.RefreshToken).NotEmpty().WithMessage("refreshToken is required.").MaximumLength(200);
}

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

/// <summary>
/// Follows an emailed link: accepts an invitation (setting a password), redeems a magic link, or completes a
/// password reset. Each proves the person owns the email, so the account is created if needed and signed in.
/// </summary>
/// <param name="Purpose">Which kind of link.</param>
/// <param name="Token">The token= value of the link.</param>
/// <param name="Password">The new password (invitation, password reset).</param>
/// <param name="Issuer">Token issuer (from the request).</param>
public sealed record RedeemEmailLinkCommand(PortalTokenPurpose Purpose, string Token, string? Password, string Issuer) : ISelfTransactedCommand<Result<PortalTokens>>;

internal sealed class RedeemEmailLinkValidator : AbstractValidator<RedeemEmailLinkCommand>
{
    public RedeemEmailLinkValidator() => RuleFor(x => x.Token).NotEmpty().WithMessage("token is required.").MaximumLength(200);
}

internal sealed class RedeemEmailLinkHandler(
    IAppDbContext db, IUnitOfWork unitOfWork, ISecrets secrets, IPasswordHasher hasher, ICommonPasswords commonPasswords,
    IClock clock, ICurrentTenant tenant, PortalCustomerAccess access, PortalSessionStarter sessions)
    : ICommandHandler<RedeemEmailLinkCommand, Result<PortalTokens>>
{
    public async ValueTask<Result<PortalTokens>> Handle(RedeemEmailLinkCommand request, CancellationToken cancellationToken)
    {
        var passwordsOn = await SignInMethods.EnabledAsync(db, SignInMethod.Password, cancellationToken);
        if (request.Purpose == PortalTokenPurpose.MagicLink && !await SignInMethods.EnabledAsync(db, SignInMethod.MagicLink, cancellationToken))
        {
            return PortalAuthErrors.MethodDisabled(SignInMethod.MagicLink);
        }

        if (request.Purpose == PortalTokenPurpose.PasswordReset && !passwordsOn)
        {
            return PortalAuthErrors.MethodDisabled(SignInMethod.Password);
        }

        var hash = secrets.Hash(request.Token);
        var token = await db.Set<PortalToken>().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == request.Purpose, cancellationToken);
        if (token is null || !token.IsUsable(clock.UtcNow))
        {
            return PortalAuthErrors.InvalidLink;
        }

        var existing = await db.Set<PortalUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Email == token.Email, cancellationToken);
        var needsPassword = request.Purpose == PortalTokenPurpose.PasswordReset
            || (request.Purpose == PortalTokenPurpose.Invitation && passwordsOn && existing?.PasswordHash is null);
        var setsPassword = request.Purpose != PortalTokenPurpose.MagicLink && (needsPassword || request.Password is not null);

        // Checked before the link is spent, so a weak password can be corrected with the same link; and hashed
        // before the write transaction, which should not wait for the slow hash.
        if (setsPassword && PasswordRules.Check(request.Password, commonPasswords) is { } problem)
        {
            return PortalAuthErrors.Password(problem);
        }

        var passwordHash = setsPassword ? hasher.Hash(request.Password!) : null;
        PortalSession? session = null;
        string? refresh = null;
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
                    user = PortalUser.CreateVerified(tenant.Id!.Value, token.Email, now);
                    db.Set<PortalUser>().Add(user);
                }

                if (passwordHash is not null)
                {
                    user.SetPassword(passwordHash, now);
                }

                if (request.Purpose == PortalTokenPurpose.PasswordReset)
                {
                    // Whoever knew the old password is signed out everywhere.
                    await sessions.EndUserSessionsAsync(user.Id, SessionEndReason.PasswordChanged, keep: null, ct);
                }

                user.RecordSignIn(now);
                var method = request.Purpose switch
                {
                    PortalTokenPurpose.Invitation => SignInMethodUsed.Invitation,
                    PortalTokenPurpose.MagicLink => SignInMethodUsed.MagicLink,
                    _ => SignInMethodUsed.PasswordReset,
                };
                session = PortalSession.ForUser(user.TenantId, user.Id, method, now);
                refresh = sessions.Add(session);
                await db.SaveChangesAsync(ct);
                return true;
            },
            r => r.IsSuccess,
            cancellationToken);

        return result.IsSuccess ? await sessions.TokensAsync(session!, refresh!, request.Issuer, cancellationToken) : result.Error!;
    }
}

/// <summary>Signs in with a customer's portal link and the last four digits of a phone number on the customer record.</summary>
/// <param name="Token">The token= value of the portal link.</param>
/// <param name="LastFour">Four digits.</param>
/// <param name="Issuer">Token issuer (from the request).</param>
public sealed record SignInWithPortalLinkCommand(string Token, string LastFour, string Issuer) : ISelfTransactedCommand<Result<PortalTokens>>;

internal sealed class SignInWithPortalLinkValidator : AbstractValidator<SignInWithPortalLinkCommand>
{
    public SignInWithPortalLinkValidator()
    {
        RuleFor(x => x.Token).NotEmpty().WithMessage("token is required.").MaximumLength(200);
        RuleFor(x => x.LastFour).Matches("^[0-9]{4}$").WithMessage("lastFour is four digits.");
    }
}

internal sealed class SignInWithPortalLinkHandler(IAppDbContext db, IUnitOfWork unitOfWork, ISecrets secrets, IClock clock, PortalSessionStarter sessions)
    : ICommandHandler<SignInWithPortalLinkCommand, Result<PortalTokens>>
{
    public async ValueTask<Result<PortalTokens>> Handle(SignInWithPortalLinkCommand request, CancellationToken cancellationToken)
    {
        if (!await SignInMethods.EnabledAsync(db, SignInMethod.PhoneLastFour, cancellationToken))
        {
            return PortalAuthErrors.MethodDisabled(SignInMethod.PhoneLastFour);
        }

        var hash = secrets.Hash(request.Token);
        PortalSession? session = null;
        string? refresh = null;
        var result = await unitOfWork.ExecuteAsync<Result<bool>>(
            async ct =>
            {
                var now = clock.UtcNow;
                var link = await db.Set<CustomerPortalLink>().SingleOrDefaultAsync(l => l.TokenHash == hash && l.RevokedAt == null, ct);
                var customer = link is null ? null : await db.Set<Customer>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == link.CustomerId, ct);
                if (link is null || customer is null)
                {
                    return PortalAuthErrors.InvalidLink;
                }

                if (link.IsLocked(now))
                {
                    return PortalAuthErrors.PortalLinkLocked;
                }

                if (!CustomerPortalLink.MatchesPhone(customer.Phones.Select(p => p.Number), request.LastFour))
                {
                    link.RecordFailedAttempt(now);
                    await db.SaveChangesAsync(ct);
                    return link.IsLocked(now) ? PortalAuthErrors.PortalLinkLocked : PortalAuthErrors.InvalidCredentials;
                }

                link.RecordSuccess();
                session = PortalSession.ForPortalLink(link.TenantId, customer.Id, now);
                refresh = sessions.Add(session);
                await db.SaveChangesAsync(ct);
                return true;
            },
            _ => true,
            cancellationToken);

        return result.IsSuccess ? await sessions.TokensAsync(session!, refresh!, request.Issuer, cancellationToken) : result.Error!;
    }
}

/// <summary>Changes the signed-in user's password; every other session of the user ends.</summary>
/// <param name="CurrentPassword">The password now (not needed when the user has none yet).</param>
/// <param name="NewPassword">The new password.</param>
public sealed record ChangePasswordCommand(string? CurrentPassword, string NewPassword) : ISelfTransactedCommand<Result<bool>>;

internal sealed class ChangePasswordHandler(IAppDbContext db, IPasswordHasher hasher, ICommonPasswords commonPasswords, IClock clock, CurrentPortalSession current, PortalSessionStarter sessions)
    : ICommandHandler<ChangePasswordCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(ChangePasswordCommand request, CancellationToken cancellationToken)
    {
        var me = current.Required;
        if (me.UserId is not { } userId)
        {
            return new Error(ErrorKind.Forbidden, "no_account", "A portal-link session has no account and no password.");
        }

        // Not a transactional command: the slow hashes run first, and one SaveChanges writes the password and ends the sessions.
        var user = await db.Set<PortalUser>().SingleAsync(u => u.Id == userId, cancellationToken);
        if (user.PasswordHash is not null && (request.CurrentPassword is null || hasher.Verify(user.PasswordHash, request.CurrentPassword) == PasswordCheck.Failed))
        {
            return new Error(ErrorKind.Unprocessable, "invalid_current_password", "The current password is incorrect.")
            {
                Fields = new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is incorrect."] },
            };
        }

        if (PasswordRules.Check(request.NewPassword, commonPasswords) is { } problem)
        {
            return new Error(ErrorKind.Unprocessable, "invalid_password", problem) { Fields = new Dictionary<string, string[]> { ["newPassword"] = [problem] } };
        }

        user.SetPassword(hasher.Hash(request.NewPassword), clock.UtcNow);
        await sessions.EndUserSessionsAsync(userId, SessionEndReason.PasswordChanged, keep: me.SessionId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

/// <summary>Ends a session: the one of the given refresh token, or else the current one.</summary>
/// <param name="RefreshToken">Optional: the session's refresh token, for a client whose access token has expired.</param>
/// <param name="Everywhere">End every session of the user.</param>
public sealed record SignOutCommand(string? RefreshToken, bool Everywhere) : ITransactionalCommand<Result<bool>>;

internal sealed class SignOutHandler(IAppDbContext db, ISecrets secrets, IClock clock, CurrentPortalSession current, PortalSessionStarter sessions)
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
            await sessions.EndUserSessionsAsync(userId, SessionEndReason.SignedOutEverywhere, keep: null, cancellationToken);
        }

        session.End(request.Everywhere ? SessionEndReason.SignedOutEverywhere : SessionEndReason.SignedOut, clock.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

/// <summary>The signed-in user and every customer they can access.</summary>
/// <param name="Email">The user's email; null for a portal-link session.</param>
/// <param name="Customers">Customers the user can see, by name.</param>
public sealed record PortalMeDto(string? Email, IReadOnlyList<AccessibleCustomer> Customers);

/// <summary>Who is signed in.</summary>
public sealed record GetPortalMeQuery : IQuery<PortalMeDto>;

internal sealed class GetPortalMeHandler(CurrentPortalSession current, PortalCustomerAccess access) : IQueryHandler<GetPortalMeQuery, PortalMeDto>
{
    public async ValueTask<PortalMeDto> Handle(GetPortalMeQuery request, CancellationToken cancellationToken)
    {
        var me = current.Required;
        return new PortalMeDto(me.Email, await access.ForAsync(me, cancellationToken));
    }
}

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

using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth.ChangePassword;

/// <summary>Changes the signed-in user's password; every other session of the user ends.</summary>
/// <param name="CurrentPassword">The password now (not needed when the user has none yet).</param>
/// <param name="NewPassword">The new password.</param>
public sealed record ChangePasswordCommand(string? CurrentPassword, string NewPassword) : ISelfTransactedCommand<Result<bool>>;

internal sealed class ChangePasswordHandler(IAppDbContext db, IPasswordHasher hasher, ICommonPasswords commonPasswords, IClock clock, CurrentPortalSession current)
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
        await PortalSessions.EndUserSessionsAsync(db, clock, userId, SessionEndReason.PasswordChanged, keep: me.SessionId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

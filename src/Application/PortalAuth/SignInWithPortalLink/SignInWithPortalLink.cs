using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth.SignInWithPortalLink;

/// <summary>Signs in with a customer's portal link and the last four digits of a phone number on the customer record.</summary>
/// <param name="Token">The token= value of the portal link.</param>
/// <param name="LastFour">Four digits.</param>
public sealed record SignInWithPortalLinkCommand(string Token, string LastFour) : ISelfTransactedCommand<Result<PortalTokens>>;

internal sealed class SignInWithPortalLinkHandler(PortalLinkSessions links, PortalSessionStarter sessions)
    : ICommandHandler<SignInWithPortalLinkCommand, Result<PortalTokens>>
{
    public async ValueTask<Result<PortalTokens>> Handle(SignInWithPortalLinkCommand request, CancellationToken cancellationToken)
    {
        var started = await links.StartAsync(request.Token, request.LastFour, cancellationToken);
        return started.IsSuccess ? await sessions.TokensAsync(started.Value.Session, cancellationToken) : started.Error!;
    }
}

/// <summary>
/// Checks a portal link and the phone digits and starts a session for its customer: for the JSON endpoint and for the
/// hosted sign-in page alike, with one count of wrong tries and one lock.
/// </summary>
internal sealed class PortalLinkSessions(IAppDbContext db, IUnitOfWork unitOfWork, ISecrets secrets, IClock clock, PortalSessionStarter sessions)
{
    public async Task<Result<StartedSession>> StartAsync(string token, string lastFour, CancellationToken cancellationToken)
    {
        if (!await SignInMethods.EnabledAsync(db, SignInMethod.PhoneLastFour, cancellationToken))
        {
            return PortalAuthErrors.MethodDisabled(SignInMethod.PhoneLastFour);
        }

        var hash = secrets.Hash(token);
        PortalSession? session = null;
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

                if (!CustomerPortalLink.MatchesPhone(customer.Phones.Select(p => p.Number), lastFour))
                {
                    link.RecordFailedAttempt(now);
                    await db.SaveChangesAsync(ct);
                    return link.IsLocked(now) ? PortalAuthErrors.PortalLinkLocked : PortalAuthErrors.WrongPhoneDigits;
                }

                link.RecordSuccess();
                session = PortalSession.ForPortalLink(link.TenantId, customer.Id, now);
                sessions.Add(session);
                await db.SaveChangesAsync(ct);
                return true;
            },
            _ => true,
            cancellationToken);

        return result.IsSuccess ? new StartedSession(session!) : result.Error!;
    }
}

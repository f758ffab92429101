using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;

namespace HeadlessPortal.Application.PortalAuth.RequestPortalEmail;

/// <summary>"Email me a link": an invitation, a magic link or a password reset. Always accepted, whether or not the email is known.</summary>
/// <param name="Purpose">Which link.</param>
/// <param name="Email">The address typed in.</param>
/// <param name="ReturnLink">
/// For a magic link asked for on the hosted sign-in page: the page's address the emailed link opens, with the pending
/// authorization request in its query; the link adds its token as hp_token. Null: the portal front end's magic-link page.
/// </param>
public sealed record RequestPortalEmailCommand(PortalTokenPurpose Purpose, string Email, string? ReturnLink = null) : ISelfTransactedCommand<Result<bool>>;

internal sealed class RequestPortalEmailHandler(IAppDbContext db, ICurrentTenant tenant, IClock clock) : ICommandHandler<RequestPortalEmailCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(RequestPortalEmailCommand request, CancellationToken cancellationToken)
    {
        // The same single insert for every address: whether it is known is decided later, by the outbox handler.
        db.OutboxMessages.Add(PortalEmailRequested.Create(tenant.Required(), new PortalEmailRequested(request.Purpose, PortalUser.NormalizeEmail(request.Email), request.ReturnLink), clock.UtcNow));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

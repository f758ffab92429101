using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.OAuthApps.DeleteOAuthApp;

/// <summary>Removes an app: its client id stops working at once, for sign-ins, code exchanges and refreshes alike.</summary>
/// <param name="Id">Record id.</param>
public sealed record DeleteOAuthAppCommand(Guid Id) : ITransactionalCommand<Result<OAuthAppDto>>;

internal sealed class DeleteOAuthAppHandler(IAppDbContext db, IAuditLog audit) : ICommandHandler<DeleteOAuthAppCommand, Result<OAuthAppDto>>
{
    public async ValueTask<Result<OAuthAppDto>> Handle(DeleteOAuthAppCommand request, CancellationToken cancellationToken)
    {
        var app = await db.Set<OAuthApp>().SingleOrDefaultAsync(a => a.Id == request.Id, cancellationToken);
        if (app is null)
        {
            return Error.NotFound("oauth app");
        }

        db.Set<OAuthApp>().Remove(app);
        audit.Record(app.TenantId, "oauth_app.deleted", $"oauth-app:{app.ClientId}", OAuthAppDto.From(app), null);
        await db.SaveChangesAsync(cancellationToken);
        return OAuthAppDto.From(app);
    }
}

using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.OAuthApps.UpdateOAuthApp;

/// <summary>Replaces an app's name, redirect URIs and origins; its client id, type and secret stay.</summary>
/// <param name="Id">Record id.</param>
/// <param name="Name">What it is.</param>
/// <param name="RedirectUris">Exact redirect URIs.</param>
/// <param name="AllowedOrigins">Browser origins.</param>
public sealed record UpdateOAuthAppCommand(Guid Id, string Name, IReadOnlyList<string>? RedirectUris, IReadOnlyList<string>? AllowedOrigins)
    : ITransactionalCommand<Result<OAuthAppDto>>;

internal sealed class UpdateOAuthAppHandler(IAppDbContext db, IClock clock, IAuditLog audit) : ICommandHandler<UpdateOAuthAppCommand, Result<OAuthAppDto>>
{
    public async ValueTask<Result<OAuthAppDto>> Handle(UpdateOAuthAppCommand request, CancellationToken cancellationToken)
    {
        var app = await db.Set<OAuthApp>().SingleOrDefaultAsync(a => a.Id == request.Id, cancellationToken);
        if (app is null)
        {
            return Error.NotFound("oauth app");
        }

        var before = OAuthAppDto.From(app);
        app.Update(request.Name, request.RedirectUris!, request.AllowedOrigins ?? [], clock.UtcNow);
        audit.Record(app.TenantId, "oauth_app.updated", $"oauth-app:{app.ClientId}", before, OAuthAppDto.From(app));
        await db.SaveChangesAsync(cancellationToken);
        return OAuthAppDto.From(app);
    }
}

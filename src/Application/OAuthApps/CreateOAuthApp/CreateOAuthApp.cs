using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.ApiClients;
using Mediator;

namespace HeadlessPortal.Application.OAuthApps.CreateOAuthApp;

/// <summary>Registers a front-end app of the current tenant.</summary>
/// <param name="Name">What it is.</param>
/// <param name="ClientType">public or confidential.</param>
/// <param name="RedirectUris">Exact redirect URIs.</param>
/// <param name="AllowedOrigins">Browser origins.</param>
public sealed record CreateOAuthAppCommand(string Name, string ClientType, IReadOnlyList<string>? RedirectUris, IReadOnlyList<string>? AllowedOrigins)
    : ITransactionalCommand<Result<OAuthAppDto>>;

internal sealed class CreateOAuthAppHandler(IAppDbContext db, ICurrentTenant currentTenant, ISecrets secrets, IClock clock, IAuditLog audit)
    : ICommandHandler<CreateOAuthAppCommand, Result<OAuthAppDto>>
{
    public const string SecretPrefix = "hpa_";

    public async ValueTask<Result<OAuthAppDto>> Handle(CreateOAuthAppCommand request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        var secret = request.ClientType == OAuthAppDto.Confidential ? secrets.NewSecret(SecretPrefix) : null;
        var app = OAuthApp.Create(
            tenantId, secrets.NewIdentifier(OAuthApp.ClientIdPrefix, 24), request.Name, request.RedirectUris!, request.AllowedOrigins ?? [],
            secret is null ? null : secrets.Hash(secret), clock.UtcNow);
        db.Set<OAuthApp>().Add(app);
        audit.Record(tenantId, "oauth_app.created", $"oauth-app:{app.ClientId}", null, OAuthAppDto.From(app));
        await db.SaveChangesAsync(cancellationToken);
        return OAuthAppDto.From(app, secret);
    }
}

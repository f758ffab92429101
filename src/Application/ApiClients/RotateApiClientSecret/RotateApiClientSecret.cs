using Mediator;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.ApiClients.RotateApiClientSecret;

/// <summary>Replaces a client's secret; the old one stops working at once. Tokens already issued run out within 15 minutes.</summary>
public sealed record RotateApiClientSecretCommand(Guid Id) : ITransactionalCommand<Result<ApiClientCredentialsDto>>;

internal sealed class RotateApiClientSecretHandler(IAppDbContext db, ISecrets secrets, IClock clock, IAuditLog audit)
    : ICommandHandler<RotateApiClientSecretCommand, Result<ApiClientCredentialsDto>>
{
    public async ValueTask<Result<ApiClientCredentialsDto>> Handle(RotateApiClientSecretCommand request, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
        if (client is null)
        {
            return Error.NotFound("API client");
        }

        var before = ApiClientAuditView.From(client);
        var secret = secrets.NewSecret("hps_");
        client.RotateSecret(secrets.Hash(secret), clock.UtcNow);
        audit.Record(client.TenantId, "api_client.secret_rotated", $"api-client:{client.ClientId}", before, ApiClientAuditView.From(client));
        await db.SaveChangesAsync(cancellationToken);
        return new ApiClientCredentialsDto(client.Id, client.ClientId, secret, client.Name, client.Role, client.Scopes);
    }
}

using Mediator;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.ApiClients.RevokeApiClient;

/// <summary>Revokes a client: the token endpoint refuses it from now on. Revoking again changes nothing.</summary>
public sealed record RevokeApiClientCommand(Guid Id) : ITransactionalCommand<Result<ApiClientDto>>;

internal sealed class RevokeApiClientHandler(IAppDbContext db, IClock clock, IAuditLog audit)
    : ICommandHandler<RevokeApiClientCommand, Result<ApiClientDto>>
{
    public async ValueTask<Result<ApiClientDto>> Handle(RevokeApiClientCommand request, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
        if (client is null)
        {
            return Error.NotFound("API client");
        }

        await audit.RevokeAsync(db, clock, client, "api_client.revoked", $"api-client:{client.ClientId}", ApiClientAuditView.From, cancellationToken);
        return ApiClientDto.From(client);
    }
}

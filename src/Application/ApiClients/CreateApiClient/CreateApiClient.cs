using Mediator;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.ApiClients.CreateApiClient;

/// <summary>Creates an API client for a tenant; the answer carries the secret, once.</summary>
/// <param name="TenantId">The tenant (from the route for the operator, from the token for admins).</param>
/// <param name="Name">What the client is for, 1-100 characters.</param>
/// <param name="Role">admin, office or integration.</param>
/// <param name="ClientId">Optional fixed client id (letters, digits, '-', '_'); generated when omitted.</param>
/// <param name="ClientSecret">Optional fixed secret (at least 32 characters); generated when omitted.</param>
public sealed record CreateApiClientCommand(Guid TenantId, string Name, ApiClientRole? Role, string? ClientId = null, string? ClientSecret = null)
    : ITransactionalCommand<Result<ApiClientCredentialsDto>>;

internal sealed class CreateApiClientHandler(IAppDbContext db, ISecrets secrets, IClock clock, IAuditLog audit)
    : ICommandHandler<CreateApiClientCommand, Result<ApiClientCredentialsDto>>
{
    public async ValueTask<Result<ApiClientCredentialsDto>> Handle(CreateApiClientCommand request, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(request.TenantId);
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            return Error.NotFound("tenant");
        }

        var clientId = request.ClientId ?? secrets.NewIdentifier("hpc_", 20);
        if (clientId == Auth.FirstPartyClient.Id || await db.ApiClients.IgnoreQueryFilters().AnyAsync(c => c.ClientId == clientId, cancellationToken))
        {
            return Error.Conflict("client_id_taken", $"The client id \"{clientId}\" is already in use.");
        }

        var secret = request.ClientSecret ?? secrets.NewSecret("hps_");
        var client = ApiClient.Create(tenantId, clientId, request.Name, request.Role!.Value, secrets.Hash(secret), clock.UtcNow);
        db.ApiClients.Add(client);
        audit.Record(tenantId, "api_client.created", $"api-client:{client.ClientId}", null, ApiClientAuditView.From(client));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<ApiClient>(nameof(ApiClient.ClientId)))
        {
            return Error.Conflict("client_id_taken", $"The client id \"{clientId}\" is already in use.");
        }

        return new ApiClientCredentialsDto(client.Id, client.ClientId, secret, client.Name, client.Role, client.Scopes);
    }
}

using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.Portal;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PublishableKeys.CreatePublishableKey;

/// <summary>Creates a publishable key.</summary>
/// <param name="Name">What it is for.</param>
/// <param name="AllowedOrigins">Origins such as https://www.acme-hvac.example (scheme, host, optional port; no path).</param>
/// <param name="Key">Optional fixed key starting with pk_; generated when omitted.</param>
public sealed record CreatePublishableKeyCommand(string Name, IReadOnlyList<string>? AllowedOrigins, string? Key = null)
    : ITransactionalCommand<Result<PublishableKeyDto>>;

internal sealed class CreatePublishableKeyHandler(IAppDbContext db, ICurrentTenant currentTenant, ISecrets secrets, IClock clock, IAuditLog audit)
    : ICommandHandler<CreatePublishableKeyCommand, Result<PublishableKeyDto>>
{
    public async ValueTask<Result<PublishableKeyDto>> Handle(CreatePublishableKeyCommand request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        var value = request.Key ?? secrets.NewIdentifier(PublishableKey.Prefix, 24);
        if (await db.PublishableKeys.IgnoreQueryFilters().AnyAsync(k => k.Key == value, cancellationToken))
        {
            return Error.Conflict("key_taken", "That key is already in use.");
        }

        var key = PublishableKey.Create(tenantId, value, request.Name, request.AllowedOrigins!, clock.UtcNow);
        db.PublishableKeys.Add(key);
        audit.Record(tenantId, "publishable_key.created", $"publishable-key:{key.Key}", null, PublishableKeyDto.From(key));
        await db.SaveChangesAsync(cancellationToken);
        return PublishableKeyDto.From(key);
    }
}

using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PublishableKeys.RevokePublishableKey;

/// <summary>Revokes a key; requests carrying it are refused from then on.</summary>
public sealed record RevokePublishableKeyCommand(Guid Id) : ITransactionalCommand<Result<PublishableKeyDto>>;

internal sealed class RevokePublishableKeyHandler(IAppDbContext db, IClock clock, IAuditLog audit)
    : ICommandHandler<RevokePublishableKeyCommand, Result<PublishableKeyDto>>
{
    public async ValueTask<Result<PublishableKeyDto>> Handle(RevokePublishableKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await db.PublishableKeys.SingleOrDefaultAsync(k => k.Id == request.Id, cancellationToken);
        if (key is null)
        {
            return Error.NotFound("publishable key");
        }

        await audit.RevokeAsync(db, clock, key, "publishable_key.revoked", $"publishable-key:{key.Key}", PublishableKeyDto.From, cancellationToken);
        return PublishableKeyDto.From(key);
    }
}

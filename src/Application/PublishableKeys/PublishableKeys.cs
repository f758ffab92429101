using Mediator;
using FluentValidation;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PublishableKeys;

/// <summary>A publishable key: public, safe in a web page; only the listed origins may use it from a browser.</summary>
/// <param name="Id">Record id.</param>
/// <param name="Key">The key, sent as the X-Portal-Key header.</param>
/// <param name="Name">What it is for, such as "Website booking widget".</param>
/// <param name="AllowedOrigins">Browser origins allowed to call the API with it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked; null while active.</param>
public sealed record PublishableKeyDto(Guid Id, string Key, string Name, IReadOnlyList<string> AllowedOrigins, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static PublishableKeyDto From(PublishableKey k) => new(k.Id, k.Key, k.Name, k.AllowedOrigins, k.CreatedAt, k.RevokedAt);
}

/// <summary>Creates a publishable key.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Name">What it is for.</param>
/// <param name="AllowedOrigins">Origins such as https://www.acme-hvac.example (scheme, host, optional port; no path).</param>
/// <param name="Key">Optional fixed key starting with pk_; generated when omitted.</param>
public sealed record CreatePublishableKeyCommand(Guid TenantId, string Name, IReadOnlyList<string>? AllowedOrigins, string? Key = null)
    : ITransactionalCommand<Result<PublishableKeyDto>>;

internal sealed class CreatePublishableKeyValidator : AbstractValidator<CreatePublishableKeyCommand>
{
    public CreatePublishableKeyValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("name is required.").MaximumLength(PublishableKey.NameMaxLength);
        RuleFor(x => x.AllowedOrigins).NotNull().WithMessage("allowedOrigins is required (it may be empty).")
            .Must(o => o is null || o.Count <= PublishableKey.MaxOrigins).WithMessage($"At most {PublishableKey.MaxOrigins} origins.");
        RuleForEach(x => x.AllowedOrigins)
            .Must(o => PublishableKey.NormalizeOrigin(o) is not null)
            .WithMessage("Each origin is scheme://host[:port] with http or https and no path, such as https://www.acme-hvac.example.");
        RuleFor(x => x.Key).Matches("^pk_[A-Za-z0-9_]{3,61}$").When(x => x.Key is not null)
            .WithMessage("key starts with pk_ followed by 3 to 61 letters, digits or underscores.");
    }
}

internal sealed class CreatePublishableKeyHandler(IAppDbContext db, ISecrets secrets, IClock clock, IAuditLog audit)
    : ICommandHandler<CreatePublishableKeyCommand, Result<PublishableKeyDto>>
{
    public async ValueTask<Result<PublishableKeyDto>> Handle(CreatePublishableKeyCommand request, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(request.TenantId);
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

/// <summary>Lists the tenant's publishable keys, revoked ones included.</summary>
public sealed record ListPublishableKeysQuery : IQuery<IReadOnlyList<PublishableKeyDto>>;

internal sealed class ListPublishableKeysHandler(IAppDbContext db) : IQueryHandler<ListPublishableKeysQuery, IReadOnlyList<PublishableKeyDto>>
{
    public async ValueTask<IReadOnlyList<PublishableKeyDto>> Handle(ListPublishableKeysQuery request, CancellationToken cancellationToken) =>
        (await db.PublishableKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken)).Select(PublishableKeyDto.From).ToList();
}

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

        if (!key.IsRevoked)
        {
            var before = PublishableKeyDto.From(key);
            key.Revoke(clock.UtcNow);
            audit.Record(key.TenantId, "publishable_key.revoked", $"publishable-key:{key.Key}", before, PublishableKeyDto.From(key));
            await db.SaveChangesAsync(cancellationToken);
        }

        return PublishableKeyDto.From(key);
    }
}

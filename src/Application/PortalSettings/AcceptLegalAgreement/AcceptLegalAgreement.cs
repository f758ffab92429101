using Mediator;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PortalSettings.AcceptLegalAgreement;

/// <summary>Records that the calling admin accepted the portal's legal agreement (the current version).</summary>
public sealed record AcceptLegalAgreementCommand : ITransactionalCommand<Result<PortalSettingsDto>>;

internal sealed class AcceptLegalAgreementHandler(IAppDbContext db, ICurrentTenant currentTenant, IClock clock, ICurrentActor actor, IAuditLog audit, IOptions<PortalOptions> options)
    : ICommandHandler<AcceptLegalAgreementCommand, Result<PortalSettingsDto>>
{
    public async ValueTask<Result<PortalSettingsDto>> Handle(AcceptLegalAgreementCommand request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return Error.NotFound("tenant");
        }

        var settings = await db.GetOrCreateAsync(tenantId, clock.UtcNow, cancellationToken);
        var before = new LegalAgreementDto(settings.LegalAgreementAccepted, settings.LegalAgreementVersion, settings.LegalAgreementAcceptedAt, settings.LegalAgreementAcceptedBy);
        settings.AcceptLegalAgreement(options.Value.LegalAgreementVersion, actor.Id, clock.UtcNow);
        var after = new LegalAgreementDto(true, settings.LegalAgreementVersion, settings.LegalAgreementAcceptedAt, settings.LegalAgreementAcceptedBy);
        audit.Record(tenantId, "portal_settings.legal_agreement_accepted", "portal-settings", before, after);
        await db.SaveChangesAsync(cancellationToken);
        return await db.ToDtoAsync(settings, tenant, options.Value, cancellationToken);
    }
}

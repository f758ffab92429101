using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.PortalSettings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.EmailTemplates;

/// <summary>
/// Renders the current tenant's emails. It runs in the tenant's scope (a request, or the outbox handler that
/// entered the message's tenant), reads the tenant's template or the default, and applies its effective branding.
/// </summary>
internal sealed class EmailComposer(
    IAppDbContext db,
    ICurrentTenant currentTenant,
    IClock clock,
    IOptions<PortalOptions> options,
    EmailTemplateRenderer renderer,
    ILogger<EmailComposer> logger) : IEmailComposer
{
    public async Task<OutgoingEmail> ComposeAsync(EmailTemplateKind kind, string to, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        var context = await db.LoadEmailContextAsync(tenantId, clock.UtcNow, options.Value, cancellationToken)
            ?? throw new InvalidOperationException($"Tenant {tenantId.Value} does not exist.");
        var template = await db.CompiledAsync(renderer, tenantId, kind, logger, cancellationToken);
        return renderer.Render(template, context.Brand, to, values);
    }
}

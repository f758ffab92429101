using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;
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

        // Every email greets its recipient by their own name, from their portal contact, whoever the caller wrote about.
        var address = to.Trim().ToLowerInvariant();
        var recipientName = await db.Set<PortalContact>().AsNoTracking()
            .Where(c => c.Email == address && c.Name != null)
            .OrderBy(c => c.PortalAccessRevokedAt != null).ThenBy(c => c.Id)
            .Select(c => c.Name)
            .FirstOrDefaultAsync(cancellationToken);
        var all = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase) { [EmailTemplateCatalog.RecipientName] = recipientName ?? string.Empty };
        return renderer.Render(template, context.Brand, to, all);
    }
}

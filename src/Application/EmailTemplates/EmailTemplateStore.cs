using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Application.EmailTemplates;

/// <summary>The tenant's branding for emails, and its currency for sample amounts.</summary>
internal sealed record TenantEmailContext(EmailBrand Brand, string Currency);

internal static partial class EmailTemplateStore
{
    /// <summary>The tenant's template of a kind, if it has its own.</summary>
    public static Task<Domain.Messaging.EmailTemplate?> FindAsync(this IAppDbContext db, TenantId tenantId, EmailTemplateKind kind, CancellationToken ct)
    {
        var key = EmailTemplateCatalog.Key(kind);
        return db.EmailTemplates.SingleOrDefaultAsync(t => t.TenantId == tenantId && t.Kind == key, ct);
    }

    /// <summary>Effective branding and portal address; settings never saved mean the defaults. Null when the tenant does not exist.</summary>
    public static async Task<TenantEmailContext?> LoadEmailContextAsync(this IAppDbContext db, TenantId tenantId, DateTimeOffset now, PortalOptions options, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, ct);
        if (tenant is null)
        {
            return null;
        }

        var settings = await db.PortalSettings.AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenantId, ct)
            ?? Domain.Portal.PortalSettings.CreateDefault(tenantId, now);
        var brand = EmailBrand.From(tenant.AccountSettings.DisplayName, settings.Branding.ResolveWith(tenant.AccountSettings), options.PortalUrl(tenant.HostName.Value));
        return new TenantEmailContext(brand, tenant.AccountSettings.Currency);
    }

    /// <summary>
    /// The template to send with, compiled: the tenant's own (read in full only when its version is not cached yet),
    /// or the default. A saved template that no longer compiles falls back to the default rather than stop every email.
    /// </summary>
    public static async Task<CompiledEmailTemplate> CompiledAsync(
        this IAppDbContext db, EmailTemplateRenderer renderer, TenantId tenantId, EmailTemplateKind kind, ILogger logger, CancellationToken ct)
    {
        var key = EmailTemplateCatalog.Key(kind);
        var saved = db.EmailTemplates.AsNoTracking().Where(t => t.TenantId == tenantId && t.Kind == key);
        var stamp = await saved.Select(t => new { t.Id, t.Version }).SingleOrDefaultAsync(ct);
        if (stamp is null)
        {
            return renderer.Default(kind);
        }

        if (renderer.Cached(EmailTemplateRenderer.SavedKey(stamp.Id, stamp.Version)) is { } cached)
        {
            return cached;
        }

        // The version read with the content names the cache entry, so a change in between is never cached under the old one.
        var current = await saved.Select(t => new { t.Id, t.Version, Content = new EmailTemplateContent(t.Subject, t.Html, t.Text) }).SingleOrDefaultAsync(ct);
        if (current is null)
        {
            return renderer.Default(kind);
        }

        var compilation = renderer.Compile(kind, current.Content);
        if (!compilation.IsValid)
        {
            LogUnusableTemplate(logger, key, current.Id, string.Join(" ", compilation.Errors.SelectMany(e => e.Value)));
            return renderer.Default(kind);
        }

        renderer.Cache(EmailTemplateRenderer.SavedKey(current.Id, current.Version), compilation.Template!);
        return compilation.Template!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saved {Kind} email template {TemplateId} does not compile; the default is used instead: {Errors}")]
    private static partial void LogUnusableTemplate(ILogger logger, string kind, Guid templateId, string errors);
}

using System.Globalization;
using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Reviews;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Reviews;

/// <summary>
/// Emails the customer's portal contacts (those whose access is not revoked) when completed work opens a review prompt
/// (review.requested), while the portal is on, collects reviews and review requests by email are on
/// (emailNotifications.reviewRequest). Each email's id is derived from the event and the address, so handling the event
/// again sends nothing more; the emails are saved in one transaction.
/// </summary>
internal sealed class ReviewRequestEmailHandler(
    IAppDbContext db, IUnitOfWork unitOfWork, IEmailComposer composer, PortalEmails portalEmails, ICurrentTenant tenant, IClock clock) : IOutboxHandler
{
    public string Type => ReviewPrompt.RequestedEvent;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var requested = OutboxPayload.Read<DomainEvent>(message, JsonSerializerOptions.Web, "a review request");
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        if (!settings.Enabled || !settings.Features.ReviewCollection || !settings.Email.ReviewRequest)
        {
            // Review requests by email are off: nobody received the event here (decision 0011).
            return OutboxDelivery.NobodySubscribed;
        }

        var sent = await unitOfWork.ExecuteAsync(ct => SendAsync(message.Id, requested.SubjectId, ct), _ => true, cancellationToken);
        return sent ? OutboxDelivery.Done : OutboxDelivery.NobodySubscribed;
    }

    private async Task<bool> SendAsync(Guid messageId, Guid jobId, CancellationToken ct)
    {
        var job = await db.Set<Job>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null)
        {
            return false;
        }

        var recipients = await db.Set<PortalContact>().AsNoTracking()
            .Where(c => c.CustomerId == job.CustomerId && c.PortalAccessRevokedAt == null)
            .Select(c => c.Email)
            .Distinct()
            .OrderBy(e => e)
            .ToListAsync(ct);
        if (recipients.Count == 0)
        {
            return false;
        }

        var ids = recipients.Select(to => PortalEmails.DerivedMessageId(messageId, "review-email:" + to)).ToList();
        if (await db.OutboxMessages.AnyAsync(m => ids.Contains(m.Id), ct))
        {
            // Handled before: its emails are saved.
            return true;
        }

        var account = await db.Tenants.AsNoTracking().Where(t => t.Id == job.TenantId).Select(t => t.AccountSettings).SingleAsync(ct);
        var openedAt = await db.Set<ReviewPrompt>().AsNoTracking().Where(p => p.JobId == job.Id).Select(p => (DateTimeOffset?)p.OpenedAt).SingleOrDefaultAsync(ct)
            ?? clock.UtcNow;
        var customerName = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
            .Where(c => c.Id == job.CustomerId).Select(c => c.Name).SingleAsync(ct);
        var values = new Dictionary<string, string>
        {
            [EmailTemplateCatalog.CustomerName] = customerName,
            [EmailTemplateCatalog.JobNumber] = job.Number,
            [EmailTemplateCatalog.CompletedOn] = openedAt.In(TenantTime.ZoneOf(account)).ToString("MMMM d, yyyy", CultureInfo.InvariantCulture),
            [EmailTemplateCatalog.CustomerPortalLink] = await portalEmails.PortalUrlAsync(job.TenantId, ct),
        };

        var now = clock.UtcNow;
        for (var i = 0; i < recipients.Count; i++)
        {
            var email = await composer.ComposeAsync(EmailTemplateKind.ReviewRequest, recipients[i], values, ct);
            db.OutboxMessages.Add(EmailMessages.Create(job.TenantId, email, now, ids[i]));
        }

        await db.SaveChangesAsync(ct);
        return true;
    }
}

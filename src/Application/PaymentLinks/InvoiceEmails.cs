using System.Globalization;
using System.Text.Json;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PaymentLinks;

/// <summary>
/// Emails an invoice the back office sent (the invoice.sent event) to the Bill-To customer's portal contacts with
/// billing access, each email carrying the same new payment link, when the portal offers invoices and customers may
/// see this one (<see cref="InvoiceEmails"/>); otherwise does nothing. Idempotent by message id: the link remembers the
/// message that made it, so handling the message again (delivery is at least once) makes no second link and sends
/// nothing; the link and the emails are saved in one transaction, so a failure leaves neither.
/// </summary>
internal sealed class InvoiceSentEmailHandler(
    IAppDbContext db, IUnitOfWork unitOfWork, PaymentLinkIssuer issuer, IEmailComposer composer, ICurrentTenant tenant, ICurrentActor actor,
    IClock clock, IOptions<PortalOptions> options) : IOutboxHandler
{
    public string Type => Invoice.SentEvent;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var sent = OutboxPayload.Read<DomainEvent>(message, JsonSerializerOptions.Web, "an invoice event");

        try
        {
            await unitOfWork.ExecuteAsync(ct => SendAsync(message.Id, sent.SubjectId, ct), _ => true, cancellationToken);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<PaymentLink>(nameof(PaymentLink.SourceMessageId)))
        {
            // Another delivery of this message got there first: its link and emails are saved, nothing is left to do.
        }

        return OutboxDelivery.Done;
    }

    private async Task<bool> SendAsync(Guid messageId, Guid invoiceId, CancellationToken ct)
    {
        if (await db.Set<PaymentLink>().AnyAsync(l => l.SourceMessageId == messageId, ct))
        {
            return false;
        }

        var settings = await PortalContext.SettingsAsync(db, tenant, clock, ct);
        var invoice = await db.Set<Invoice>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null
            || !InvoiceEmails.ShouldSend(settings.Enabled, settings.Features, invoice.EverHadBalance, invoice.Balance, invoice.BusinessUnitExternalId, settings.VisibleBusinessUnitIds))
        {
            return false;
        }

        var contacts = await db.Set<PortalContact>().AsNoTracking()
            .Where(c => c.CustomerId == invoice.BillToId && c.PortalAccessRevokedAt == null)
            .Select(c => new { c.Email, c.AccessLevel })
            .ToListAsync(ct);
        var recipients = contacts.Where(c => InvoiceEmails.IsRecipient(c.AccessLevel, grantsAccess: true))
            .Select(c => c.Email).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (recipients.Count == 0)
        {
            return false;
        }

        var now = clock.UtcNow;
        var days = options.Value.PaymentLinks.Default;
        var issued = await issuer.IssueAsync(invoice.TenantId, new Ref(invoice.Id, invoice.ExternalId), actor.Id, days, now, messageId, ct);
        var customerName = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().Where(c => c.Id == invoice.BillToId).Select(c => c.Name).SingleAsync(ct);
        var values = new Dictionary<string, string>
        {
            [EmailTemplateCatalog.CustomerName] = customerName,
            [EmailTemplateCatalog.InvoiceNumber] = invoice.Number,
            [EmailTemplateCatalog.Balance] = MoneyText.Format(invoice.Balance, invoice.Currency),
            [EmailTemplateCatalog.DueDate] = invoice.DueDate is { } due ? MoneyText.Date(due) : string.Empty,
            [EmailTemplateCatalog.CustomerPortalLink] = issued.Url,
            [EmailTemplateCatalog.ExpiresInDays] = days.ToString(CultureInfo.InvariantCulture),
        };

        foreach (var to in recipients)
        {
            var email = await composer.ComposeAsync(EmailTemplateKind.Invoice, to, values, ct);
            db.OutboxMessages.Add(EmailMessages.Create(invoice.TenantId, email, now, PortalEmails.DerivedMessageId(messageId, "invoice-email:" + to)));
        }

        await db.SaveChangesAsync(ct);
        return true;
    }
}

using System.Text.Json;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.PaymentLinks;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Reviews;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.Texts;

/// <summary>
/// Records the text a milestone event asks for (job.booked, technician.dispatched, technician.en_route, work.completed,
/// invoice.sent, and review.requested when completed work opens a review prompt), and hands it to the <see cref="ITextQueue"/>: at once, or at 08:00 when quiet hours hold it. Nothing is
/// recorded while the milestone's toggle is off, without a sender number or SMS credentials, without a mobile number
/// for the customer, or when that number replied STOP. The text is sent by <see cref="TextSender"/>, never here: this
/// handler shares its message with others (invoice emails, webhooks), so it only writes its row. The row's unique key
/// (tenant, milestone, subject) makes it at most one text however often, and by however many processes, the event is
/// handled.
/// </summary>
internal sealed class TextMilestoneHandler(
    string milestone, IAppDbContext db, IUnitOfWork unitOfWork, ICurrentTenant tenant, IClock clock, ISmsSender sender, ITextQueue queue,
    PortalEmails portal, PaymentLinkIssuer issuer, ICurrentActor actor, IOptions<PortalOptions> options) : IOutboxHandler
{
    public string Type => milestone;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var raised = OutboxPayload.Read<DomainEvent>(message, JsonSerializerOptions.Web, "a milestone event");
        // No text to send (no credentials, the milestone off, no sender or mobile number, an opted-out number): nobody
        // received this event here, which the dispatcher counts as such (decision 0011).
        if (!sender.IsConfigured)
        {
            return OutboxDelivery.NobodySubscribed;
        }

        TextMessage? text;
        try
        {
            text = await unitOfWork.ExecuteAsync(ct => RecordAsync(message.Id, raised.SubjectId, ct), _ => true, cancellationToken);
            if (text is null)
            {
                return OutboxDelivery.NobodySubscribed;
            }
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<TextMessage>(nameof(TextMessage.SubjectId)))
        {
            // Another delivery of this event (or another process) recorded it first.
            text = null;
        }

        if (text is { Status: TextMessageStatus.Scheduled })
        {
            if (text.Held)
            {
                queue.Schedule(text.TenantId.Value, text.Id, text.DueAt);
            }
            else
            {
                queue.Enqueue(text.TenantId.Value, text.Id);
            }
        }

        return OutboxDelivery.Done;
    }

    private async Task<TextMessage?> RecordAsync(Guid messageId, Guid subjectId, CancellationToken ct)
    {
        var tenantId = tenant.Required();
        var existing = await db.Set<TextMessage>().AsNoTracking()
            .SingleOrDefaultAsync(t => t.Milestone == milestone && t.SubjectId == subjectId, ct);
        if (existing is not null)
        {
            // Handled before: hand it to the queue again in case the first handling stopped before it did.
            return existing;
        }

        var settings = await PortalContext.SettingsAsync(db, tenant, clock, ct);
        if (!TextMilestones.IsOn(settings.Sms, milestone))
        {
            return null;
        }

        var from = await db.SenderPhoneNumbers.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Number).FirstOrDefaultAsync(ct);
        if (from is null)
        {
            return null;
        }

        var account = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.AccountSettings).SingleAsync(ct);
        var zone = TenantTime.ZoneOf(account);
        var now = clock.UtcNow;
        var values = new Dictionary<string, string>
        {
            [TextMilestones.CompanyName] = settings.Branding.ResolveWith(account).DisplayName,
            [TextMilestones.PortalLink] = await portal.PortalUrlAsync(tenantId, ct),
        };

        var customerId = await SubjectAsync(messageId, subjectId, values, zone, now, ct);
        if (customerId is null)
        {
            return null;
        }

        var customer = await db.Set<Customer>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, ct);
        var to = customer is null ? null : MobileNumber(customer);
        if (to is null || await db.Set<SmsOptOut>().AnyAsync(o => o.PhoneNumber == to, ct))
        {
            return null;
        }

        values[TextMilestones.CustomerName] = customer!.Name;
        var template = await db.Set<TextTemplate>().AsNoTracking().Where(t => t.Milestone == milestone).Select(t => t.Body).SingleOrDefaultAsync(ct)
            ?? TextMilestones.DefaultBody(milestone);
        var body = TextMilestones.Render(template, values);
        var body1600 = body.Length > TextMessage.BodyMaxLength ? body[..TextMessage.BodyMaxLength] : body;
        var dueAt = TextMilestones.IsUrgent(milestone) ? now : QuietHours.DueAt(now, zone);
        var text = TextMessage.Create(tenantId, milestone, subjectId, customer.Id, to, from, body1600, dueAt, now);
        db.Set<TextMessage>().Add(text);
        await db.SaveChangesAsync(ct);
        return text;
    }

    /// <summary>Fills the subject's placeholders and answers the customer to text, or null when the subject is gone.</summary>
    private async Task<Guid?> SubjectAsync(Guid messageId, Guid subjectId, Dictionary<string, string> values, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        switch (milestone)
        {
            case Job.BookedEvent:
            {
                var job = await db.Set<Job>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == subjectId, ct);
                if (job is null)
                {
                    return null;
                }

                values[TextMilestones.JobNumber] = job.Number;
                var next = await db.Set<Appointment>().AsNoTracking().Where(a => a.JobId == job.Id).OrderBy(a => a.StartUtcTicks).FirstOrDefaultAsync(ct);
                values[TextMilestones.ArrivalWindow] = next is null ? string.Empty : Window(next, zone);
                return job.CustomerId;
            }

            case ReviewPrompt.RequestedEvent:
            {
                // While reviews are collected: the prompt opened with review collection on, which may have been switched off since.
                var settings = await PortalContext.SettingsAsync(db, tenant, clock, ct);
                var job = settings.Features.ReviewCollection ? await db.Set<Job>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == subjectId, ct) : null;
                if (job is null)
                {
                    return null;
                }

                values[TextMilestones.JobNumber] = job.Number;
                return job.CustomerId;
            }

            case Invoice.SentEvent:
            {
                var invoice = await db.Set<Invoice>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == subjectId, ct);
                if (invoice is null)
                {
                    return null;
                }

                values[TextMilestones.InvoiceNumber] = invoice.Number;
                values[TextMilestones.Balance] = MoneyText.Format(invoice.Balance, invoice.Currency);
                values[TextMilestones.InvoiceLink] = values[TextMilestones.PortalLink];
                if (invoice.Balance > 0)
                {
                    // A payment link of its own (not the invoice email's), made once: its source is derived from the message.
                    var issued = await issuer.IssueAsync(
                        invoice.TenantId, new Ref(invoice.Id, invoice.ExternalId), actor.Id, options.Value.PaymentLinks.Default, now,
                        PortalEmails.DerivedMessageId(messageId, "invoice-text"), ct);
                    values[TextMilestones.InvoiceLink] = issued.Url;
                }

                return invoice.BillToId;
            }

            default:
            {
                var appointment = await db.Set<Appointment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == subjectId, ct);
                if (appointment is null)
                {
                    return null;
                }

                var job = await db.Set<Job>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == appointment.JobId, ct);
                if (job is null)
                {
                    return null;
                }

                values[TextMilestones.JobNumber] = job.Number;
                values[TextMilestones.ArrivalWindow] = Window(appointment, zone);
                var technicianId = appointment.Technicians.Count > 0 ? appointment.Technicians[0].Id : (Guid?)null;
                var technician = technicianId is null ? null
                    : await db.Set<Technician>().AsNoTracking().Where(t => t.Id == technicianId).Select(t => t.DisplayName).SingleOrDefaultAsync(ct);
                values[TextMilestones.TechnicianFirstName] = technician is null ? "Your technician" : TextFormat.FirstName(technician);
                return job.CustomerId;
            }
        }
    }

    private static string Window(Appointment appointment, TimeZoneInfo zone) =>
        appointment.ArrivalWindowStart is { } from && appointment.ArrivalWindowEnd is { } to
            ? TextFormat.Window(from, to, zone)
            : TextFormat.Window(appointment.Start, appointment.End, zone);

    /// <summary>
    /// The number texts go to: the first phone labelled mobile or cell, else the first phone; never one the back office
    /// marked as opted out of SMS.
    /// </summary>
    internal static string? MobileNumber(Customer customer)
    {
        var textable = customer.Phones.Where(p => !p.SmsOptOut).ToList();
        return (textable.FirstOrDefault(p => p.Label is { } label
                   && (label.Contains("mobile", StringComparison.OrdinalIgnoreCase) || label.Contains("cell", StringComparison.OrdinalIgnoreCase)))
               ?? textable.FirstOrDefault())?.Number;
    }
}

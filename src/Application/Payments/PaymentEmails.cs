using System.Globalization;
using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments;

/// <summary>Which email a payment sends.</summary>
public enum PaymentEmailKind
{
    /// <summary>The payment succeeded.</summary>
    Receipt,

    /// <summary>A bank debit failed after it was accepted; the invoices are open again.</summary>
    Failed,
}

/// <summary>Asks for a payment's email, composed when delivered (so the template in force then is used).</summary>
public sealed record PaymentEmailRequested(Guid PaymentId, PaymentEmailKind Kind)
{
    public const string Type = "payment.email-requested";

    public static OutboxMessage Create(Payment payment, PaymentEmailKind kind, DateTimeOffset now) =>
        OutboxMessage.For(payment.TenantId, Type, JsonSerializer.Serialize(new PaymentEmailRequested(payment.Id, kind), PortalJson.Options), now);
}

/// <summary>
/// Composes a payment's receipt or failure notice when its request is delivered, and queues it as an email. Delivered
/// again, it finds the email it queued (its id derives from the request's) and queues nothing.
/// </summary>
internal sealed class PaymentEmailRequestedHandler(
    IAppDbContext db, IUnitOfWork unitOfWork, IEmailComposer composer, PortalEmails portalEmails, IClock clock)
    : IOutboxHandler
{
    public string Type => PaymentEmailRequested.Type;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var request = OutboxPayload.Read<PaymentEmailRequested>(message, PortalJson.Options, "a payment email request");

        var emailId = PortalEmails.DerivedMessageId(message.Id, request.Kind.ToString());
        await unitOfWork.ExecuteAsync(
            async ct =>
            {
                var payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PaymentId, ct);
                if (payment?.ReceiptEmail is null
                    || await db.OutboxMessages.AnyAsync(m => m.Id == emailId, ct))
                {
                    return false;
                }

                var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == payment.TenantId, ct);
                var customer = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
                    .SingleAsync(c => c.Id == payment.CustomerId, ct);
                var zone = TenantTime.ZoneOf(tenant.AccountSettings);
                var values = new Dictionary<string, string>
                {
                    [EmailTemplateCatalog.CustomerName] = customer.Name,
                    [EmailTemplateCatalog.Amount] = MoneyText.Format(payment.Amount, payment.Currency),
                    [EmailTemplateCatalog.InvoiceNumbers] = string.Join(", ", payment.Allocations.Select(a => a.InvoiceNumber)),
                    [EmailTemplateCatalog.CustomerPortalLink] = await portalEmails.PortalUrlAsync(payment.TenantId, ct),
                };
                if (request.Kind == PaymentEmailKind.Receipt)
                {
                    values[EmailTemplateCatalog.PaymentMethod] = PaymentSettler.MethodName(payment.MethodKind);
                    values[EmailTemplateCatalog.PaidAt] = (payment.CompletedAt ?? clock.UtcNow).In(zone)
                        .ToString("MMMM d, yyyy h:mm tt", CultureInfo.InvariantCulture);
                }
                else
                {
                    values[EmailTemplateCatalog.FailureReason] = payment.Failure?.Message ?? "The bank did not accept it.";
                }

                var kind = request.Kind == PaymentEmailKind.Receipt ? EmailTemplateKind.PaymentReceipt : EmailTemplateKind.PaymentFailed;
                var email = await composer.ComposeAsync(kind, payment.ReceiptEmail, values, ct);
                db.OutboxMessages.Add(EmailMessages.Create(payment.TenantId, email, clock.UtcNow, emailId));
                await db.SaveChangesAsync(ct);
                return true;
            },
            _ => true,
            cancellationToken);
        return OutboxDelivery.Done;
    }
}

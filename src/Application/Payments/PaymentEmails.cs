using System.Text.Json;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Payments;

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
        OutboxMessage.For(payment.TenantId, Type, JsonSerializer.Serialize(new PaymentEmailRequested(payment.Id, kind), PortalAuth.PortalJson.Options), now);
}

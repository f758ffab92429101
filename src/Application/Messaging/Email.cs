using System.Text.Json;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Application.Messaging;

/// <summary>A rendered email, ready to send.</summary>
/// <param name="To">Recipient address.</param>
/// <param name="FromName">Display name of the sender (the company's effective display name).</param>
/// <param name="Subject">Subject line.</param>
/// <param name="Html">HTML body.</param>
/// <param name="Text">Plain-text body.</param>
/// <param name="Kind">The template it came from, such as invitation; for the office's outbox view.</param>
public sealed record OutgoingEmail(string To, string FromName, string Subject, string Html, string Text, string Kind);

/// <summary>Sends one email. The message id is the outbox message's: it becomes the Message-ID, so a resend is recognisable.</summary>
public interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, Guid messageId, CancellationToken cancellationToken);
}

/// <summary>The outbox message that sends an email.</summary>
public static class EmailMessages
{
    public const string Type = "email.send";

    /// <summary>An email.send message; a fixed <c>id</c> makes the enqueue idempotent (a second insert with the same id fails).</summary>
    public static OutboxMessage Create(TenantId tenantId, OutgoingEmail email, DateTimeOffset now, Guid? id = null) =>
        OutboxMessage.For(tenantId, Type, JsonSerializer.Serialize(email, JsonSerializerOptions.Web), now, id);
}

/// <summary>The emails the portal sends; each has a default template a tenant may replace.</summary>
public enum EmailTemplateKind
{
    /// <summary>Placeholders: CustomerName, InvitationLink, ExpiresInDays.</summary>
    Invitation,

    /// <summary>Placeholders: MagicLink, ExpiresInMinutes.</summary>
    MagicLink,

    /// <summary>Placeholders: ResetLink, ExpiresInMinutes.</summary>
    PasswordReset,

    /// <summary>Placeholders: CustomerName, InvoiceNumber, Balance, DueDate, CustomerPortalLink (the payment link), ExpiresInDays.</summary>
    Invoice,

    /// <summary>A payment succeeded: the receipt.</summary>
    PaymentReceipt,

    /// <summary>A bank payment failed after it was accepted; the invoices are open again.</summary>
    PaymentFailed,

    /// <summary>Placeholders: CustomerName, ProposalNumber, EstimateLink (the estimate link), ExpiresInDays.</summary>
    Estimate,

    /// <summary>To the signer, once they accepted an estimate: CustomerName, ProposalNumber, OptionName, Amount, SignerName, DecidedAt, CustomerPortalLink.</summary>
    ProposalAccepted,

    /// <summary>To the company's office address, when a customer accepted or declined an estimate: the same, plus Decision and DeclineReason.</summary>
    ProposalDecisionNotice,

    /// <summary>To the company's office address, when a portal user or a website visitor sent a booking request: RequesterName, JobTypeName, BookingSource, PreferredWindows, Description, ContactPhone, ContactEmail, ServiceAddress, RequestedAt, CustomerPortalLink.</summary>
    BookingRequested,

    /// <summary>To the customer's contacts when completed work opens a review prompt (while review requests by email are on): CustomerName, JobNumber, CompletedOn, CustomerPortalLink.</summary>
    ReviewRequest,
}

/// <summary>
/// Renders an email of the current tenant from its template (or the default), with the tenant's effective
/// branding. Always available placeholders: CompanyName, PortalUrl, RecipientEmail.
/// </summary>
public interface IEmailComposer
{
    Task<OutgoingEmail> ComposeAsync(EmailTemplateKind kind, string to, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken);
}

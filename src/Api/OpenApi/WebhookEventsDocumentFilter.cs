using System.Text.Json.Nodes;
using HeadlessPortal.Domain.Webhooks;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>data of the synced-record events (job.booked, technician.dispatched, technician.en_route, work.completed, invoice.sent, estimate.sent): which record; read it through the Admin API for its state.</summary>
/// <param name="Type">The event type again.</param>
/// <param name="SubjectId">The record's id in the portal.</param>
/// <param name="SubjectExternalId">The record's id in the back office (the one the sync API uses).</param>
public sealed record WebhookRecordEventData(string Type, Guid SubjectId, string SubjectExternalId);

/// <summary>An invoice a payment pays.</summary>
/// <param name="InvoiceId">The invoice's id in the portal.</param>
/// <param name="ExternalId">The invoice's back-office id.</param>
/// <param name="Number">The invoice number.</param>
/// <param name="Amount">The part of the payment that goes to it, in minor units.</param>
public sealed record WebhookPaymentInvoice(Guid InvoiceId, string ExternalId, string Number, long Amount);

/// <summary>Why a payment failed.</summary>
/// <param name="Code">Stripe's error code.</param>
/// <param name="DeclineCode">The card issuer's decline code, for declines.</param>
/// <param name="Message">What happened, in words.</param>
public sealed record WebhookPaymentFailure(string Code, string? DeclineCode, string Message);

/// <summary>data of payment.succeeded and payment.failed.</summary>
/// <param name="PaymentId">The payment.</param>
/// <param name="CustomerId">The paying customer's id in the portal.</param>
/// <param name="Amount">In minor units (cents).</param>
/// <param name="Currency">ISO 4217, lowercase.</param>
/// <param name="Method">card or bank account.</param>
/// <param name="Status">succeeded or failed.</param>
/// <param name="PaymentIntentId">Stripe's PaymentIntent.</param>
/// <param name="Failure">Why it failed, when it did.</param>
/// <param name="Invoices">What it pays.</param>
public sealed record WebhookPaymentEventData(
    Guid PaymentId, Guid CustomerId, long Amount, string Currency, string Method, string Status, string? PaymentIntentId, WebhookPaymentFailure? Failure, IReadOnlyList<WebhookPaymentInvoice> Invoices);

/// <summary>data of proposal.accepted and proposal.declined.</summary>
/// <param name="ProposalId">The estimate's id in the portal.</param>
/// <param name="ExternalId">Its back-office id.</param>
/// <param name="Number">Its number.</param>
/// <param name="CustomerId">The customer's back-office id.</param>
/// <param name="JobId">The job's back-office id, if any.</param>
/// <param name="DecisionId">The decision.</param>
/// <param name="OptionId">The accepted option; null for a decline.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="Channel">portal or link (an estimate link).</param>
/// <param name="SignerName">Who signed or declined.</param>
/// <param name="DeclineReason">Why it was declined, when given.</param>
public sealed record WebhookProposalEventData(
    Guid ProposalId, string ExternalId, string? Number, string? CustomerId, string? JobId, Guid DecisionId, Guid? OptionId, DateTimeOffset DecidedAt, string Channel,
    string? SignerName, string? DeclineReason);

/// <summary>A time range.</summary>
/// <param name="From">Start, with the company's offset.</param>
/// <param name="To">End.</param>
public sealed record WebhookTimeRange(DateTimeOffset From, DateTimeOffset To);

/// <summary>data of booking.requested: a booking request from the portal or a website.</summary>
/// <param name="BookingId">The booking.</param>
/// <param name="Source">portal or website.</param>
/// <param name="JobTypeId">The job type's back-office id.</param>
/// <param name="CustomerId">The customer's back-office id (portal requests).</param>
/// <param name="LocationId">The location's back-office id (portal requests).</param>
/// <param name="PreferredWindows">When the requester would like the visit.</param>
/// <param name="CreatedAt">When it was sent.</param>
public sealed record WebhookBookingRequestedData(
    Guid BookingId, string Source, string JobTypeId, string? CustomerId, string? LocationId, IReadOnlyList<WebhookTimeRange> PreferredWindows, DateTimeOffset CreatedAt);

/// <summary>data of booking.scheduled and booking.dismissed: the office handled a booking request.</summary>
/// <param name="BookingId">The booking.</param>
/// <param name="Status">scheduled, booked (a self-scheduled one the office linked to its job) or dismissed.</param>
/// <param name="JobId">The job's back-office id the office linked; null for a dismissal.</param>
/// <param name="AppointmentId">The appointment's back-office id, when the office named one.</param>
/// <param name="DismissReason">Why it was dismissed; null when scheduled.</param>
/// <param name="HandledAt">When.</param>
public sealed record WebhookBookingHandledData(Guid BookingId, string Status, string? JobId, string? AppointmentId, string? DismissReason, DateTimeOffset HandledAt);

/// <summary>data of review.submitted: a customer rated a completed job in the portal.</summary>
/// <param name="ReviewId">The review.</param>
/// <param name="JobId">The job's back-office id.</param>
/// <param name="CustomerId">The customer's back-office id.</param>
/// <param name="PortalUserId">The portal user who left it; null when left in a session opened by a portal link.</param>
/// <param name="Rating">1 to 5.</param>
/// <param name="Comment">The comment, if any.</param>
/// <param name="CreatedAt">When it was left.</param>
public sealed record WebhookReviewSubmittedData(Guid ReviewId, string JobId, string CustomerId, Guid? PortalUserId, int Rating, string? Comment, DateTimeOffset CreatedAt);

/// <summary>A capacity window of a self-scheduled appointment.</summary>
/// <param name="Id">The window's back-office id.</param>
/// <param name="Start">Start, with the company's offset.</param>
/// <param name="End">End.</param>
public sealed record WebhookWindow(string Id, DateTimeOffset Start, DateTimeOffset End);

/// <summary>data of appointment.booked, appointment.rescheduled and appointment.canceled (self-scheduling).</summary>
/// <param name="BookingId">The booking.</param>
/// <param name="AppointmentId">The appointment in the portal.</param>
/// <param name="Status">booked or canceled.</param>
/// <param name="JobTypeId">The job type's back-office id.</param>
/// <param name="CustomerId">The customer's back-office id.</param>
/// <param name="LocationId">The location's back-office id.</param>
/// <param name="JobId">The job's back-office id, once the office linked it.</param>
/// <param name="Window">The window booked (for a cancel: the one given up).</param>
/// <param name="PreviousWindow">The window before a reschedule.</param>
/// <param name="Reason">Why it was canceled.</param>
/// <param name="OccurredAt">When.</param>
public sealed record WebhookAppointmentEventData(
    Guid BookingId, Guid? AppointmentId, string Status, string JobTypeId, string? CustomerId, string? LocationId, string? JobId, WebhookWindow Window,
    WebhookWindow? PreviousWindow, string? Reason, DateTimeOffset OccurredAt);

/// <summary>data of payment_method.saved: a customer saved a card or bank account for later payments.</summary>
/// <param name="SavedPaymentMethodId">The saved method (its brand and last four follow shortly: read it through the API).</param>
/// <param name="CustomerId">The customer's id in the portal.</param>
/// <param name="Kind">card or us_bank_account.</param>
/// <param name="SavedAt">When.</param>
/// <param name="Actor">Who saved it: a portal user, or stripe.</param>
public sealed record WebhookPaymentMethodSavedData(Guid SavedPaymentMethodId, Guid CustomerId, string Kind, DateTimeOffset SavedAt, string Actor);

/// <summary>data of portal_user.invited: a contact was invited to the portal, or the invitation sent again.</summary>
/// <param name="ContactId">The contact's id in the portal.</param>
/// <param name="ContactExternalId">The contact's back-office id.</param>
/// <param name="CustomerId">The customer's back-office id.</param>
/// <param name="Email">Where the invitation went.</param>
/// <param name="Resend">True when it was sent again.</param>
/// <param name="InvitedAt">When.</param>
public sealed record WebhookPortalUserInvitedData(Guid ContactId, string ContactExternalId, string CustomerId, string Email, bool Resend, DateTimeOffset InvitedAt);

/// <summary>data of portal_user.activated: someone signed in for the first time, so their portal user now exists.</summary>
/// <param name="PortalUserId">The portal user.</param>
/// <param name="Email">Their email address.</param>
/// <param name="Via">invitation, magicLink or passwordReset: the link they first signed in with.</param>
/// <param name="ActivatedAt">When.</param>
public sealed record WebhookPortalUserActivatedData(Guid PortalUserId, string Email, string Via, DateTimeOffset ActivatedAt);

/// <summary>data of webhook.ping, the test event.</summary>
/// <param name="EndpointId">The endpoint pinged.</param>
public sealed record WebhookPingData(Guid EndpointId);

/// <summary>
/// Documents what webhook endpoints receive: one schema per event type, named after it (job.booked: JobBookedWebhookEvent),
/// each the envelope { id, type, createdAt, tenantId, data } with its own data schema.
/// </summary>
internal sealed class WebhookEventsDocumentFilter : IDocumentFilter
{
    private static readonly Dictionary<string, Type> DataOf = new()
    {
        ["payment.succeeded"] = typeof(WebhookPaymentEventData),
        ["payment.failed"] = typeof(WebhookPaymentEventData),
        ["payment_method.saved"] = typeof(WebhookPaymentMethodSavedData),
        ["portal_user.invited"] = typeof(WebhookPortalUserInvitedData),
        ["portal_user.activated"] = typeof(WebhookPortalUserActivatedData),
        ["proposal.accepted"] = typeof(WebhookProposalEventData),
        ["proposal.declined"] = typeof(WebhookProposalEventData),
        ["booking.requested"] = typeof(WebhookBookingRequestedData),
        ["booking.scheduled"] = typeof(WebhookBookingHandledData),
        ["booking.dismissed"] = typeof(WebhookBookingHandledData),
        [Application.Messaging.MessageFailed.Type] = typeof(Application.Messaging.MessageFailedData),
        ["appointment.booked"] = typeof(WebhookAppointmentEventData),
        ["appointment.rescheduled"] = typeof(WebhookAppointmentEventData),
        ["appointment.canceled"] = typeof(WebhookAppointmentEventData),
        ["review.submitted"] = typeof(WebhookReviewSubmittedData),
        [WebhookEventTypes.Ping] = typeof(WebhookPingData),
    };

    /// <summary>The schema name of an event type's envelope.</summary>
    public static string SchemaName(string type) =>
        string.Concat(type.Split('.', '_', '-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "WebhookEvent";

    /// <summary>Short words in event data (statuses, channels, sources): no limit rule knows them by name.</summary>
    private const int DataStringMaxLength = 200;

    /// <summary>A delivery's body: an event envelope around a payload of a few hundred bytes.</summary>
    private const int RequestBodyMaxLength = 65536;

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        AddEventSchemas(context);
        foreach (var (name, schema) in context.SchemaRepository.Schemas.Where(s => s.Key.StartsWith("Webhook", StringComparison.Ordinal) || DataOf.Values.Any(t => t.Name == s.Key)))
        {
            foreach (var (property, value) in (schema as OpenApiSchema)?.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (value is OpenApiSchema { MaxLength: null } text && (text.Type ?? 0).HasFlag(JsonSchemaType.String) && text.Enum is not { Count: > 0 })
                {
                    text.MaxLength = name == "WebhookDelivery" && property == "requestBody" ? RequestBodyMaxLength : DataStringMaxLength;
                }
            }
        }

        // GET /v1/admin/webhook-event-types answers the list of types.
        if (document.Paths.TryGetValue("/v1/admin/webhook-event-types", out var path)
            && path.Operations?.Values.SelectMany(o => (IEnumerable<IOpenApiResponse>?)o.Responses?.Values ?? []).SelectMany(r => (IEnumerable<IOpenApiMediaType>?)r.Content?.Values ?? [])
                .Select(c => c.Schema).OfType<OpenApiSchema>().ToList() is { } lists)
        {
            foreach (var list in lists)
            {
                list.MaxItems = WebhookEventTypes.All.Count;
                if (list.Items is OpenApiSchema item)
                {
                    item.MaxLength = WebhookDelivery.EventTypeMaxLength;
                }
            }
        }
    }

    private static void AddEventSchemas(DocumentFilterContext context)
    {
        foreach (var type in WebhookEventTypes.All.Append(WebhookEventTypes.Ping))
        {
            var data = context.SchemaGenerator.GenerateSchema(DataOf.GetValueOrDefault(type, typeof(WebhookRecordEventData)), context.SchemaRepository);
            context.SchemaRepository.Schemas[SchemaName(type)] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"The body POSTed to an endpoint subscribed to {type}" +
                    (type == WebhookEventTypes.Ping ? " (every endpoint, when pinged)" : "") +
                    ", signed in the Portal-Signature header (docs/WEBHOOKS.md).",
                Required = new HashSet<string> { "id", "type", "createdAt", "tenantId", "data" },
                AdditionalPropertiesAllowed = false,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = 36, Description = "The event's id, the same on every attempt: ignore one already processed." },
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(type)], Description = "The event type." },
                    ["createdAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", MaxLength = 40, Description = "When the event happened (UTC)." },
                    ["tenantId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = 36, Description = "The company." },
                    ["data"] = data,
                },
            };
        }
    }
}

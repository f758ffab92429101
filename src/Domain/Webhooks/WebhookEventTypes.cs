namespace HeadlessPortal.Domain.Webhooks;

/// <summary>
/// The events an integrator's endpoint can subscribe to: the outbox events the product raises about things that
/// happened, not its internal messages (emails to send, emails to compose). Each is delivered as
/// <c>{ id, type, createdAt, tenantId, data }</c>, <c>data</c> being the event's own payload.
/// </summary>
public static class WebhookEventTypes
{
    /// <summary>The test event a ping sends; it cannot be subscribed to, every endpoint receives it when pinged.</summary>
    public const string Ping = "webhook.ping";

    /// <summary>Every event type an endpoint may subscribe to, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "job.booked",
        "technician.dispatched",
        "technician.en_route",
        "work.completed",
        "invoice.sent",
        "estimate.sent",
        "payment.succeeded",
        "payment.failed",
        "payment_method.saved",
        "proposal.accepted",
        "proposal.declined",
        "booking.requested",
        "booking.scheduled",
        "booking.dismissed",
        "appointment.booked",
        "appointment.rescheduled",
        "appointment.canceled",
        "review.requested",
        "review.submitted",
        "portal_user.invited",
        "portal_user.activated",
        "message.failed",
    ];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}

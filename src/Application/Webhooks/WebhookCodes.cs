namespace HeadlessPortal.Application.Webhooks;

/// <summary>The stable codes of webhook endpoint problems.</summary>
public static class WebhookCodes
{
    /// <summary>The URL is not an absolute https URL (http only in Development), or carries a user name or password.</summary>
    public const string InvalidUrl = "webhook_url_invalid";

    /// <summary>The URL's host is, or resolves to, a loopback, link-local, private or otherwise internal address.</summary>
    public const string AddressNotAllowed = "webhook_address_not_allowed";

    /// <summary>An event type that is not one of the documented ones.</summary>
    public const string UnknownEventType = "unknown_event_type";

    /// <summary>A ping or redelivery to a disabled endpoint.</summary>
    public const string EndpointDisabled = "webhook_endpoint_disabled";
}

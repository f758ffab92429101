namespace HeadlessPortal.Api.Errors;

/// <summary>The stable codes problem responses carry; clients branch on these, never on titles or details.</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string MalformedRequest = "malformed_request";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Conflict = "conflict";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string Unprocessable = "unprocessable";
    public const string TooManyRequests = "too_many_requests";
    public const string InternalError = "internal_error";
    public const string ServiceUnavailable = "service_unavailable";
    public const string PaymentDeclined = "payment_declined";
    public const string PaymentProviderError = "payment_provider_error";
    public const string PaymentProviderUnavailable = "payment_provider_unavailable";

    /// <summary>Job booking (features.jobBooking) is off: the portal's bookings endpoints and website booking requests answer 404 with it.</summary>
    public const string JobBookingOff = Application.Bookings.BookingCodes.JobBookingOff;

    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => MalformedRequest,
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status412PreconditionFailed => "precondition_failed",
        StatusCodes.Status428PreconditionRequired => "precondition_required",
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status422UnprocessableEntity => Unprocessable,
        StatusCodes.Status429TooManyRequests => TooManyRequests,
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        StatusCodes.Status402PaymentRequired => PaymentDeclined,
        StatusCodes.Status502BadGateway => PaymentProviderError,
        _ => InternalError,
    };

    public static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status404NotFound => "No resource exists at this address.",
        StatusCodes.Status405MethodNotAllowed => "This resource does not support that HTTP method.",
        StatusCodes.Status401Unauthorized => "Authentication is required.",
        StatusCodes.Status403Forbidden => "The credentials do not allow this request.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "This endpoint does not accept that Content-Type; the API description lists the ones it does.",
        StatusCodes.Status400BadRequest => "The request is malformed.",
        _ => "The request could not be processed.",
    };
}

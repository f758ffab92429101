using HeadlessPortal.Application.Common.Errors;

namespace HeadlessPortal.Application.PortalScheduling;

/// <summary>The answers portal booking reads share.</summary>
internal static class PortalBookingErrors
{
    /// <summary>
    /// While the company has job booking off, booking does not exist for its customers: 404, with a code a front end can
    /// tell from a wrong address (and hide its booking pages on).
    /// </summary>
    public static Error JobBookingOff { get; } = new(ErrorKind.NotFound, "job_booking_off", "This company does not take bookings in the portal.");

    public static Error NotSelfSchedulable { get; } = Error.Unprocessable(
        "job_type_not_self_schedulable", "This job type cannot be booked into a window here; send a request for it instead.");
}

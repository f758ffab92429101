using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Work;

namespace HeadlessPortal.Application.PortalJobs;

/// <summary>Appointment times as the tenant shows them to customers.</summary>
internal static class PortalAppointmentTimes
{
    /// <summary>An appointment's time as the tenant shows it; with date only, no time of day leaves the API.</summary>
    public static PortalAppointmentTime TimeOf(this PortalContext context, Appointment appointment)
    {
        var from = TimeZoneInfo.ConvertTime(appointment.ArrivalWindowStart ?? appointment.Start, context.Zone);
        var date = DateOnly.FromDateTime(from.DateTime);
        if (context.Settings.AppointmentTimeDisplay == AppointmentTimeDisplay.DateOnly)
        {
            return new PortalAppointmentTime(date, null, null);
        }

        var to = TimeZoneInfo.ConvertTime(appointment.ArrivalWindowEnd ?? appointment.End, context.Zone);
        return new PortalAppointmentTime(date, from, to);
    }
}

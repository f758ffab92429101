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
        var from = (appointment.ArrivalWindowStart ?? appointment.Start).In(context.Zone);
        var date = DateOnly.FromDateTime(from.DateTime);
        if (context.Settings.AppointmentTimeDisplay == AppointmentTimeDisplay.DateOnly)
        {
            return new PortalAppointmentTime(date, null, null);
        }

        var to = (appointment.ArrivalWindowEnd ?? appointment.End).In(context.Zone);
        return new PortalAppointmentTime(date, from, to);
    }
}

using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Work;

namespace HeadlessPortal.Domain.Portal.Rules;

/// <summary>The tabs a customer's jobs are sorted into.</summary>
public enum JobTab
{
    InProgress,
    OnHold,
    Upcoming,
    Completed,
    Canceled,
}

/// <summary>What the job tabs need to know of one appointment.</summary>
/// <param name="Status">Its status.</param>
/// <param name="Start">When it starts (UTC).</param>
public readonly record struct AppointmentState(AppointmentStatus Status, DateTimeOffset Start);

/// <summary>
/// PRODUCT.md#job-tabs. Canceled appointments are ignored unless all are canceled:
/// <list type="bullet">
/// <item>Canceled: every appointment canceled (hidden unless the tenant shows canceled jobs).</item>
/// <item>Completed: every remaining appointment completed.</item>
/// <item>On Hold: every remaining appointment on hold.</item>
/// <item>Upcoming (scheduled): every remaining appointment is scheduled and starts in the future.</item>
/// <item>In Progress: anything else with at least one appointment not yet completed.</item>
/// </list>
/// A job without any appointment was booked but has no visit yet: it is Upcoming, where the customer looks for
/// work that is still to come (the rules apply in this order, so it is not "every appointment canceled").
/// The portal's SQL filters (one per tab) state the same rules; a test checks they agree.
/// </summary>
public static class JobTabs
{
    /// <summary>A job with no appointment at all has no visit yet; it shows as upcoming.</summary>
    public static bool HasNoVisitYet(IReadOnlyCollection<AppointmentState> appointments) => appointments.Count == 0;

    /// <summary>Canceled appointments count only when every appointment is canceled.</summary>
    public static IReadOnlyList<AppointmentState> Remaining(IReadOnlyCollection<AppointmentState> appointments) =>
        appointments.Where(a => a.Status != AppointmentStatus.Canceled).ToList();

    /// <summary>Canceled: there are appointments and every one is canceled.</summary>
    public static bool IsCanceled(IReadOnlyCollection<AppointmentState> appointments) =>
        appointments.Count > 0 && appointments.All(a => a.Status == AppointmentStatus.Canceled);

    /// <summary>Completed: every remaining appointment is completed.</summary>
    public static bool IsCompleted(IReadOnlyList<AppointmentState> remaining) =>
        remaining.Count > 0 && remaining.All(a => a.Status == AppointmentStatus.Completed);

    /// <summary>On Hold: every remaining appointment is on hold.</summary>
    public static bool IsOnHold(IReadOnlyList<AppointmentState> remaining) =>
        remaining.Count > 0 && remaining.All(a => a.Status == AppointmentStatus.OnHold);

    /// <summary>Upcoming (scheduled): every remaining appointment is scheduled and starts after <paramref name="now"/>.</summary>
    public static bool IsUpcoming(IReadOnlyList<AppointmentState> remaining, DateTimeOffset now) =>
        remaining.Count > 0 && remaining.All(a => IsScheduledInFuture(a, now));

    /// <summary>Whether an appointment is still waiting for its day: scheduled, starting after <paramref name="now"/>.</summary>
    public static bool IsScheduledInFuture(AppointmentState appointment, DateTimeOffset now) =>
        appointment.Status == AppointmentStatus.Scheduled && appointment.Start > now;

    /// <summary>The job's tab; the rules apply in the order of PRODUCT.md#job-tabs.</summary>
    public static JobTab Classify(IReadOnlyCollection<AppointmentState> appointments, DateTimeOffset now)
    {
        if (HasNoVisitYet(appointments))
        {
            return JobTab.Upcoming;
        }

        if (IsCanceled(appointments))
        {
            return JobTab.Canceled;
        }

        var remaining = Remaining(appointments);
        if (IsCompleted(remaining))
        {
            return JobTab.Completed;
        }

        if (IsOnHold(remaining))
        {
            return JobTab.OnHold;
        }

        // What is left has at least one appointment not yet completed: dispatched, en route, working, a scheduled
        // one whose start has passed, or a mix (on hold beside scheduled, completed beside on hold, ...).
        return IsUpcoming(remaining, now) ? JobTab.Upcoming : JobTab.InProgress;
    }

    /// <summary>Canceled jobs are shown only when the tenant turned "show canceled jobs" on.</summary>
    public static bool IsTabShown(JobTab tab, PortalFeatures features) => tab != JobTab.Canceled || features.ShowCanceledJobs;
}

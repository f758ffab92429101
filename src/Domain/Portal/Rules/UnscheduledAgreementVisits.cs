using HeadlessPortal.Domain.Assets;

namespace HeadlessPortal.Domain.Portal.Rules;

/// <summary>
/// PRODUCT.md#job-tabs, Upcoming/Unscheduled: agreement visits not yet booked, only for active agreements and
/// never for target dates in the past, and only when the tenant shows them.
/// </summary>
public static class UnscheduledAgreementVisits
{
    /// <summary>The tenant shows unscheduled agreement visits to customers.</summary>
    public static bool Shown(PortalFeatures features) => features.ShowUnscheduledAgreementVisits;

    /// <summary>Only active agreements have visits waiting.</summary>
    public static bool AgreementActive(AgreementStatus status) => status == AgreementStatus.Active;

    /// <summary>The visit is not booked yet (not scheduled, completed or canceled).</summary>
    public static bool NotBooked(VisitStatus status) => status == VisitStatus.Unscheduled;

    /// <summary>No job was booked for it yet.</summary>
    public static bool NoJobYet(Common.Ref? job) => job is null;

    /// <summary>A visit whose target date has passed is no longer offered; today still counts.</summary>
    public static bool TargetNotPast(DateOnly targetDate, DateOnly today) => targetDate >= today;

    /// <summary>All of them together: the visit shows as waiting to be scheduled on <paramref name="today"/> (the tenant's date).</summary>
    public static bool IsShown(PortalFeatures features, AgreementStatus agreementStatus, PlanVisit visit, DateOnly today) =>
        Shown(features) && AgreementActive(agreementStatus) && NotBooked(visit.Status) && NoJobYet(visit.Job) && TargetNotPast(visit.TargetDate, today);
}

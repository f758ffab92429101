namespace HeadlessPortal.Domain.Portal.Rules;

/// <summary>
/// PRODUCT.md#agreement-visibility: a service agreement shows in the portal only when the
/// tenant listed its status in <see cref="PortalSettings.VisibleAgreementStatuses"/> (active only by default).
/// An agreement in any other status is treated as if it did not exist. Memberships have no such setting.
/// </summary>
public static class AgreementVisibility
{
    /// <summary>Whether an agreement in <paramref name="status"/> is shown to customers.</summary>
    public static bool IsVisible(AgreementStatus status, IReadOnlyCollection<AgreementStatus> visibleStatuses) => visibleStatuses.Contains(status);
}

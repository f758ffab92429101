namespace HeadlessPortal.Domain.Portal;

/// <summary>How appointment times are shown to customers.</summary>
public enum AppointmentTimeDisplay
{
    /// <summary>The arrival window, such as 8:00-10:00.</summary>
    ArrivalWindow,

    /// <summary>Only the date.</summary>
    DateOnly,
}

/// <summary>Ways a portal user may sign in.</summary>
public enum SignInMethod
{
    Password,
    MagicLink,
    PhoneLastFour,
}

/// <summary>Statuses of a service agreement; the tenant chooses which customers may see.</summary>
public enum AgreementStatus
{
    Pending,
    Active,
    Suspended,
    Expired,
    Canceled,
}

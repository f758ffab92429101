namespace HeadlessPortal.Application.AuditEvents;

/// <summary>
/// A job's audit trail: audit events whose target is the job (<see cref="TargetOf"/>), such as payment.succeeded,
/// payment.failed or payment.refunded, each with details such as { paymentId, invoiceNumber, amount, currency, method }.
/// </summary>
public static class JobAuditTrail
{
    /// <summary>The audit target that puts an event on a job's trail: job:{the job's back-office id}.</summary>
    public static string TargetOf(string jobExternalId) => "job:" + jobExternalId;
}

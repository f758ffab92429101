namespace HeadlessPortal.Application.Payments;

/// <summary>Payment settings of the platform (configuration section "Payments").</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Payments";

    /// <summary>The platform's Stripe publishable key (pk_...), which front ends give Stripe.js with the tenant's account id.</summary>
    public string? StripePublishableKey { get; set; }

    /// <summary>A payment still pending this long is asked about at the provider by the recovery job.</summary>
    public TimeSpan RecoverPendingAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>A payment processing (bank debit) or awaiting authentication this long is asked about too, in case a webhook was lost.</summary>
    public TimeSpan RecoverInFlightAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A payment still waiting for the customer's authentication (3-D Secure) this long is canceled, and its holds released.</summary>
    public TimeSpan AbandonRequiresActionAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many payments one run of the recovery job looks at.</summary>
    public int RecoveryBatchSize { get; set; } = 100;
}

namespace HeadlessPortal.Application.Payments;

/// <summary>Payment settings of the platform (configuration section "Payments").</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Payments";

    /// <summary>The platform's Stripe publishable key (pk_...), which front ends give Stripe.js with the tenant's account id.</summary>
    public string? StripePublishableKey { get; set; }

    /// <summary>
    /// Where web pages load Stripe.js from (the website widgets read it from GET /widgets/v1/config); unset, Stripe's own
    /// https://js.stripe.com/v3/. A development API with the fake Stripe points it at the fake's stand-in.
    /// </summary>
    public string? StripeJsUrl { get; set; }

    /// <summary>A payment still pending this long is asked about at the provider by the recovery job.</summary>
    public TimeSpan RecoverPendingAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>A payment processing (bank debit) or awaiting authentication this long is asked about too, in case a webhook was lost.</summary>
    public TimeSpan RecoverInFlightAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A payment still waiting for the customer's authentication (3-D Secure) this long is canceled, and its holds released.</summary>
    public TimeSpan AbandonRequiresActionAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Failed payments one payer (a portal user, a portal-link session) may make in <see cref="FailedPaymentWindow"/>
    /// before further payments are refused with 429: trying stolen card numbers one after another must stop quickly.
    /// </summary>
    public int MaxFailedPaymentsPerPayer { get; set; } = 5;

    /// <summary>Failed portal payments for one customer in the window, whoever of its users made them.</summary>
    public int MaxFailedPaymentsPerCustomer { get; set; } = 10;

    /// <summary>Failed payments from one IP address in the window, portal and payment links together.</summary>
    public int MaxFailedPaymentsPerIpAddress { get; set; } = 10;

    /// <summary>How far back failed payments count.</summary>
    public TimeSpan FailedPaymentWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many payments one run of the recovery job looks at.</summary>
    public int RecoveryBatchSize { get; set; } = 100;
}

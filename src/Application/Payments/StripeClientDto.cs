namespace HeadlessPortal.Application.Payments;

/// <summary>Keys for Stripe.js.</summary>
/// <param name="PublishableKey">The platform's publishable key (pk_...).</param>
/// <param name="AccountId">The company's connected account (acct_...).</param>
public sealed record StripeClientDto(string? PublishableKey, string AccountId);

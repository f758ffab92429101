using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Payments.HandlePaymentEvent;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The answer to a provider's webhook.</summary>
/// <param name="Received">Always true: the event was authentic and is handled (or was before).</param>
/// <param name="Outcome">applied, duplicate (handled before) or ignored (not for us).</param>
public sealed record WebhookReceipt(bool Received, PaymentEventOutcome Outcome);

/// <summary>Webhooks from Stripe.</summary>
public static class WebhookEndpoints
{
    /// <summary>Stripe's events are small; anything larger is not one.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/webhooks/stripe", ReceiveStripeEvent)
            .WithTags("Webhooks")
            .WithName("ReceiveStripeEvent").WithSummary("Stripe events")
            .WithDescription("Verifies Stripe-Signature (HMAC-SHA256 of \"{t}.{raw body}\" with the endpoint's signing secret, any of several v1 values, 5 minutes tolerance, constant-time comparison), then handles payment_intent.succeeded, .processing, .payment_failed, .canceled and setup_intent.succeeded once per event id, in any order. " +
                "A bad or missing signature, an old timestamp or a changed body is 400 invalid_signature and changes nothing. Configure the endpoint in Stripe for Connect events (events of connected accounts).")
            .Accepts<object>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status500InternalServerError);
        return app;
    }

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveStripeEvent(
        HttpContext context, IPaymentWebhookReader reader, ISender sender, CancellationToken ct)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return new Application.Common.Errors.Error(Application.Common.Errors.ErrorKind.Unprocessable, "payload_too_large", "A webhook body is at most 512 KiB.").ToProblem(StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes)
        {
            return new Application.Common.Errors.Error(Application.Common.Errors.ErrorKind.Unprocessable, "payload_too_large", "A webhook body is at most 512 KiB.").ToProblem(StatusCodes.Status413PayloadTooLarge);
        }

        var read = reader.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), context.Request.Headers["Stripe-Signature"].ToString() is { Length: > 0 } header ? header : null);
        if (read.Event is null)
        {
            return new Application.Common.Errors.Error(Application.Common.Errors.ErrorKind.Unprocessable, "invalid_signature", $"The webhook was refused: {read.Failure}.")
                .ToProblem(StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(new WebhookReceipt(true, await sender.Send(new HandlePaymentEventCommand(read.Event), ct)));
    }
}

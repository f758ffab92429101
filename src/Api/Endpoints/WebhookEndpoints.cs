using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Payments.HandlePaymentEvent;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.Application.Texts.ReceiveTextWebhook;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The answer to a provider's webhook.</summary>
/// <param name="Received">Always true: the event was authentic and is handled (or was before).</param>
/// <param name="Outcome">applied, duplicate (handled before) or ignored (not for us).</param>
public sealed record WebhookReceipt(bool Received, PaymentEventOutcome Outcome);

/// <summary>Webhooks from Stripe and Twilio.</summary>
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
        app.MapPost("/v1/webhooks/twilio", ReceiveTwilioRequest)
            .WithTags("Webhooks")
            .WithName("ReceiveTwilioWebhook").WithSummary("Twilio delivery reports and replies")
            .WithDescription("Twilio's form posts, verified by X-Twilio-Signature (Twilio's RequestValidator, against Twilio:PublicBaseUrl + /v1/webhooks/twilio). " +
                "Delivery reports (MessageSid, MessageStatus: queued, sent, delivered, undelivered, failed) are recorded on the text, only ever moving its status forward. " +
                "Replies to a tenant's sender number: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT stops that tenant's texts to the number at once (texts waiting for the end of quiet hours are canceled); " +
                "START, YES or UNSTOP resumes them; HELP and anything else change nothing (Twilio answers the keywords to the customer itself). " +
                "Answers an empty TwiML <Response/>. A missing or wrong signature is 403 invalid_signature and changes nothing.")
            .Accepts<Dictionary<string, string>>("application/x-www-form-urlencoded")
            .Produces<string>(StatusCodes.Status200OK, "text/xml")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status500InternalServerError);
        return app;
    }

    /// <summary>The answer Twilio expects when nothing is to be said back.</summary>
    public const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private static async Task<IResult> ReceiveTwilioRequest(HttpContext context, ISmsWebhookValidator validator, ISender sender, CancellationToken ct)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return new Application.Common.Errors.Error(Application.Common.Errors.ErrorKind.Unprocessable, "payload_too_large", "A webhook body is at most 512 KiB.").ToProblem(StatusCodes.Status413PayloadTooLarge);
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync(ct))
            {
                form[key] = value.ToString();
            }
        }

        if (!validator.IsValid(form, context.Request.Headers["X-Twilio-Signature"].ToString()))
        {
            return new Application.Common.Errors.Error(Application.Common.Errors.ErrorKind.Forbidden, "invalid_signature", "The request is not signed by Twilio (X-Twilio-Signature).")
                .ToProblem(StatusCodes.Status403Forbidden);
        }

        await sender.Send(new ReceiveTextWebhookCommand(form), ct);
        return TypedResults.Text(EmptyTwiml, "text/xml", System.Text.Encoding.UTF8);
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

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using HeadlessPortal.FakeStripe.Internal;
using Microsoft.AspNetCore.Http;

namespace HeadlessPortal.FakeStripe;

public sealed partial class FakeStripeServer
{
    private static readonly JsonObject Help = new()
    {
        ["about"] = "A fake Stripe for tests and the demo. The Stripe API is under /v1 (Authorization: Bearer <secret key>, Stripe-Account, Idempotency-Key); these control endpoints need no key.",
        ["endpoints"] = new JsonArray(
            "GET  /_fake                                         this list",
            "GET  /_fake/requests                                every API request received",
            "GET  /_fake/events[?account=acct_...&type=...]      every event, newest first",
            "POST /_fake/events/{id}/resend                      deliver an event again",
            "POST /_fake/failures?status=500&count=2[&should_retry=false]   fail the next API requests",
            "POST /_fake/failures?drop=true&count=1              drop the connection of the next API requests",
            "POST /_fake/payment_intents/{id}/authenticate       3-D Secure passed: requires_action -> succeeded",
            "POST /_fake/payment_intents/{id}/fail_authentication   3-D Secure failed: -> requires_payment_method",
            "POST /_fake/payment_intents/{id}/settle[?outcome=succeeded|failed]   settle an ACH payment that is processing",
            "POST /_fake/signature[?timestamp=<unix>]            the Stripe-Signature header for the raw request body",
            "GET  /_fake/3ds/{id}                                a 3-D Secure page with pass and fail buttons"),
        ["test_payment_methods"] = new JsonObject
        {
            [FakeStripeTestPaymentMethods.Visa] = "card, succeeds",
            [FakeStripeTestPaymentMethods.Mastercard] = "card, succeeds",
            [FakeStripeTestPaymentMethods.ChargeDeclined] = "card, declined (generic_decline)",
            [FakeStripeTestPaymentMethods.ChargeDeclinedInsufficientFunds] = "card, declined (insufficient_funds)",
            [FakeStripeTestPaymentMethods.ThreeDSecureRequired] = "card, requires_action until authenticated",
            [FakeStripeTestPaymentMethods.UsBankAccount] = "us_bank_account, processing then succeeded",
            [FakeStripeTestPaymentMethods.UsBankAccountInsufficientFunds] = "us_bank_account, processing then failed (insufficient_funds)",
        },
    };

    private async Task ControlAsync(HttpContext context, string path)
    {
        var request = context.Request;
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var fields = new FakeParams(await FieldsAsync(request) is { Count: > 0 } form ? form : request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList());
        try
        {
            var get = HttpMethods.IsGet(request.Method);
            switch (segments)
            {
                case [] when get:
                    await JsonAsync(context, 200, Help);
                    return;
                case ["requests"] when get:
                    await JsonAsync(context, 200, new JsonObject { ["data"] = new JsonArray(Requests.Select(Describe).ToArray()) });
                    return;
                case ["events"] when get:
                    var account = fields.Get("account");
                    var type = fields.Get("type");
                    var events = Events.Where(e => (account is null || e.Account == account) && (type is null || e.Type == type)).Reverse();
                    await JsonAsync(context, 200, new JsonObject { ["data"] = new JsonArray(events.Select(e => JsonNode.Parse(e.Json)).ToArray()) });
                    return;
                case ["events", var id, "resend"] when !get:
                    ResendEvent(id);
                    await JsonAsync(context, 202, new JsonObject { ["resent"] = id });
                    return;
                case ["failures"] when !get:
                    var count = fields.Int("count") ?? 1;
                    if (fields.Bool("drop"))
                    {
                        DropNextConnections(count);
                    }
                    else
                    {
                        FailNextRequests(count, fields.Int("status") ?? 500, fields.Get("should_retry") is null ? null : fields.Bool("should_retry"));
                    }

                    await JsonAsync(context, 200, new JsonObject { ["scripted"] = count });
                    return;
                case ["payment_intents", var id, "authenticate" or "fail_authentication"] when !get:
                    var returnUrl = _state.ReturnUrl(id);
                    var pi = segments[2] == "authenticate" ? CompleteAuthentication(id) : FailAuthentication(id);
                    if (fields.Bool("redirect"))
                    {
                        Redirect(context, pi, returnUrl);
                        return;
                    }

                    await JsonAsync(context, 200, pi);
                    return;
                case ["payment_intents", var id, "settle"] when !get:
                    var outcome = fields.Get("outcome");
                    await JsonAsync(context, 200, SettleBankPayment(id, outcome switch
                    {
                        null => null,
                        "succeeded" => true,
                        "failed" => false,
                        _ => throw new ArgumentException("outcome must be succeeded or failed."),
                    }));
                    return;
                case ["signature"] when !get:
                    using (var body = new MemoryStream())
                    {
                        await request.Body.CopyToAsync(body);
                        var at = fields.Get("timestamp") is { } t ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(t, CultureInfo.InvariantCulture)) : (DateTimeOffset?)null;
                        await JsonAsync(context, 200, new JsonObject { ["header"] = SignatureHeader(body.ToArray(), at) });
                    }

                    return;
                case ["3ds", var id] when get:
                    context.Response.ContentType = "text/html; charset=utf-8";
                    var encoded = WebUtility.HtmlEncode(id);
                    await context.Response.WriteAsync(
                        $"<!doctype html><html><head><title>3-D Secure (fake)</title></head><body style=\"font-family:sans-serif\">" +
                        $"<h1>3-D Secure test page</h1><p>Payment {encoded} needs authentication.</p>" +
                        $"<form method=\"post\" action=\"{ControlPrefix}/payment_intents/{encoded}/authenticate?redirect=true\"><button>Complete authentication</button></form>" +
                        $"<form method=\"post\" action=\"{ControlPrefix}/payment_intents/{encoded}/fail_authentication?redirect=true\"><button>Fail authentication</button></form>" +
                        "</body></html>");
                    return;
                default:
                    await JsonAsync(context, 404, new JsonObject { ["error"] = new JsonObject { ["message"] = $"No control endpoint {request.Method} {ControlPrefix}{path}; GET {ControlPrefix} lists them." } });
                    return;
            }
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException or FakeError)
        {
            await JsonAsync(context, ex is KeyNotFoundException ? 404 : 400, new JsonObject { ["error"] = new JsonObject { ["message"] = ex.Message } });
        }
    }

    /// <summary>Back to the shop after the 3-D Secure page, as Stripe does: the return URL with the PaymentIntent's id and outcome.</summary>
    private static void Redirect(HttpContext context, JsonObject pi, string? returnUrl)
    {
        var status = pi["status"]!.GetValue<string>() == "succeeded" ? "succeeded" : "failed";
        context.Response.StatusCode = 303;
        context.Response.Headers.Location = returnUrl is null
            ? $"{ControlPrefix}/events"
            : $"{returnUrl}{(returnUrl.Contains('?') ? '&' : '?')}payment_intent={Uri.EscapeDataString(pi["id"]!.GetValue<string>())}" +
              $"&payment_intent_client_secret={Uri.EscapeDataString(pi["client_secret"]!.GetValue<string>())}&redirect_status={status}";
    }

    private static JsonNode Describe(FakeStripeRequest request)
    {
        var form = new JsonArray(request.Form.Select(f => (JsonNode?)new JsonArray(f.Key, f.Value)).ToArray());
        return new JsonObject
        {
            ["method"] = request.Method,
            ["path"] = request.Path + request.Query,
            ["status"] = request.StatusCode,
            ["stripe_account"] = request.StripeAccount,
            ["stripe_version"] = request.StripeVersion,
            ["idempotency_key"] = request.IdempotencyKey,
            ["form"] = form,
        };
    }

    private static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(FakeState.Serialize(body));
    }
}

using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Webhooks;
using HeadlessPortal.Application.Webhooks.CreateWebhookEndpoint;
using HeadlessPortal.Application.Webhooks.DeleteWebhookEndpoint;
using HeadlessPortal.Application.Webhooks.GetWebhookEndpoint;
using HeadlessPortal.Application.Webhooks.ListWebhookDeliveries;
using HeadlessPortal.Application.Webhooks.ListWebhookEndpoints;
using HeadlessPortal.Application.Webhooks.PingWebhookEndpoint;
using HeadlessPortal.Application.Webhooks.RedeliverWebhook;
using HeadlessPortal.Application.Webhooks.RotateWebhookSecret;
using HeadlessPortal.Application.Webhooks.SetWebhookEndpointEnabled;
using HeadlessPortal.Application.Webhooks.UpdateWebhookEndpoint;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Webhooks to integrators: endpoints that receive the company's events, signed, and their delivery logs.</summary>
public static class AdminWebhookEndpoints
{
    private const string Signing =
        "Each delivery is a POST of { id, type, createdAt, tenantId, data } (id: the event's id, the same on every retry) with Portal-Signature: " +
        "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\" with the endpoint's secret> (two v1 values for 24 hours after a rotation); see docs/WEBHOOKS.md.";

    public static IEndpointRouteBuilder MapAdminWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").WithTags("Admin: webhooks")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);

        admin.MapGet("/webhook-event-types", EventTypes)
            .WithName("ListWebhookEventTypes").WithSummary("The event types an endpoint can subscribe to")
            .WithDescription("Every event type the portal delivers to webhook endpoints; each one's data is documented under webhooks in the API description. Scope webhooks:read.")
            .RequireScope(Scopes.WebhooksRead);

        admin.MapPost("/webhook-endpoints", Create)
            .WithName("CreateWebhookEndpoint").WithSummary("Register a webhook endpoint")
            .WithDescription(
                "{ url, eventTypes, description? }. url: https (http only in Development); loopback, link-local, private and other internal addresses, also as what the " +
                "host name resolves to, are 422 webhook_address_not_allowed (outside Development), another scheme or a URL with credentials 422 webhook_url_invalid. " +
                "eventTypes: at least one of GET /v1/admin/webhook-event-types. The answer holds the signing secret (whsec_...), shown this once. " + Signing +
                " Scope webhooks:write (admin role).")
            .RequireScope(Scopes.WebhooksWrite)
            .Accepts<WebhookEndpointRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);

        admin.MapGet("/webhook-endpoints", List)
            .WithName("ListWebhookEndpoints").WithSummary("The webhook endpoints")
            .WithDescription("The company's endpoints, oldest first, without their secrets. Cursor pagination (?limit= 1-100, default 25; ?after=). Scope webhooks:read.")
            .RequireScope(Scopes.WebhooksRead)
            .ProducesProblems(StatusCodes.Status400BadRequest);

        admin.MapGet("/webhook-endpoints/{id:guid}", Get)
            .WithName("GetWebhookEndpoint").WithSummary("A webhook endpoint")
            .WithDescription("One endpoint, without its secret. 404 not_found for an unknown id or another company's endpoint. Scope webhooks:read.")
            .RequireScope(Scopes.WebhooksRead)
            .ProducesProblems(StatusCodes.Status404NotFound);

        admin.MapPut("/webhook-endpoints/{id:guid}", Update)
            .WithName("UpdateWebhookEndpoint").WithSummary("Change a webhook endpoint")
            .WithDescription("{ url, eventTypes, description? }, checked as on creation; deliveries still due go to the new URL. The secret stays. Scope webhooks:write.")
            .RequireScope(Scopes.WebhooksWrite)
            .Accepts<WebhookEndpointRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        admin.MapPost("/webhook-endpoints/{id:guid}/disable", Disable)
            .WithName("DisableWebhookEndpoint").WithSummary("Disable a webhook endpoint")
            .WithDescription("Nothing more is delivered to it (deliveries still due are given up) and events raised meanwhile are not queued for it. Scope webhooks:write.")
            .RequireScope(Scopes.WebhooksWrite)
            .ProducesProblems(StatusCodes.Status404NotFound);

        admin.MapPost("/webhook-endpoints/{id:guid}/enable", Enable)
            .WithName("EnableWebhookEndpoint").WithSummary("Enable a webhook endpoint")
            .WithDescription("Events are delivered to it again from now on, including after it was disabled for failing (its failure record starts afresh); redeliver what it missed from its log. Scope webhooks:write.")
            .RequireScope(Scopes.WebhooksWrite)
            .ProducesProblems(StatusCodes.Status404NotFound);

        admin.MapPost("/webhook-endpoints/{id:guid}/rotate-secret", Rotate)
            .WithName("RotateWebhookSecret").WithSummary("Rotate a webhook endpoint's signing secret")
            .WithDescription("A new secret, shown this once. For 24 hours the previous one signs too: Portal-Signature then carries two v1 values, the new secret's first. Scope webhooks:write.")
            .RequireScope(Scopes.WebhooksWrite)
            .ProducesProblems(StatusCodes.Status404NotFound);

        admin.MapDelete("/webhook-endpoints/{id:guid}", Delete)
            .WithName("DeleteWebhookEndpoint").WithSummary("Delete a webhook endpoint")
            .WithDescription("Deletes the endpoint and its delivery log; nothing more is sent to it. Scope webhooks:write.")
            .RequireScope(Scopes.WebhooksWrite)
            .ProducesProblems(StatusCodes.Status404NotFound);

        admin.MapPost("/webhook-endpoints/{id:guid}/ping", Ping)
            .WithName("PingWebhookEndpoint").WithSummary("Send a test event")
            .WithDescription("Queues a webhook.ping event ({ endpointId } as data) to the endpoint, signed and retried like any other; the answer is its delivery, whose outcome shows in the log. 409 webhook_endpoint_disabled for a disabled endpoint. Scope webhooks:write.")
            .RequireScope(Scopes.WebhooksWrite)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        admin.MapGet("/webhook-endpoints/{id:guid}/deliveries", Deliveries)
            .WithName("ListWebhookDeliveries").WithSummary("An endpoint's delivery log")
            .WithDescription(
                "The events delivered or to be delivered to the endpoint, newest first: the request body, the status of the last answer and the start of its body " +
                "(at most 1000 characters), how long it took, the attempts, the next attempt. Attempts are retried with exponential backoff and jitter for 3 days on " +
                "network errors, timeouts (10 s), 429 and 5xx; other answers are not retried. ?status= pending, succeeded or failed. Cursor pagination. Scope webhooks:read.")
            .RequireScope(Scopes.WebhooksRead)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        admin.MapPost("/webhook-endpoints/{id:guid}/deliveries/{deliveryId:guid}/redeliver", Redeliver)
            .WithName("RedeliverWebhook").WithSummary("Deliver an event again")
            .WithDescription("Sends a logged delivery again, whatever its outcome: the same body and event id, signed anew, due now, retried for 3 days. 409 webhook_endpoint_disabled for a disabled endpoint, 409 delivery_in_progress while an attempt is under way. Scope webhooks:write.")
            .RequireScope(Scopes.WebhooksWrite)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    private static Ok<IReadOnlyList<string>> EventTypes() => TypedResults.Ok(WebhookEventTypes.All);

    /// <param name="body">The endpoint.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<WebhookEndpointWithSecretDto>, ProblemHttpResult>> Create([FromBody] WebhookEndpointRequest body, ISender sender, CancellationToken ct) =>
        (await sender.Send(new CreateWebhookEndpointCommand(body), ct)).ToCreated(e => $"/v1/admin/webhook-endpoints/{e.Endpoint.Id}");

    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<CursorPage<WebhookEndpointDto>>> List([FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListWebhookEndpointsQuery(limit, after), ct));

    /// <param name="id">The endpoint's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<WebhookEndpointDto>, ProblemHttpResult>> Get(Guid id, ISender sender, CancellationToken ct) =>
        (await sender.Send(new GetWebhookEndpointQuery(id), ct)).ToOk();

    /// <param name="id">The endpoint's id.</param>
    /// <param name="body">Its new settings.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<WebhookEndpointDto>, ProblemHttpResult>> Update(Guid id, [FromBody] WebhookEndpointRequest body, ISender sender, CancellationToken ct) =>
        (await sender.Send(new UpdateWebhookEndpointCommand(id, body), ct)).ToOk();

    /// <param name="id">The endpoint's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<WebhookEndpointDto>, ProblemHttpResult>> Disable(Guid id, ISender sender, CancellationToken ct) =>
        (await sender.Send(new SetWebhookEndpointEnabledCommand(id, false), ct)).ToOk();

    /// <param name="id">The endpoint's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<WebhookEndpointDto>, ProblemHttpResult>> Enable(Guid id, ISender sender, CancellationToken ct) =>
        (await sender.Send(new SetWebhookEndpointEnabledCommand(id, true), ct)).ToOk();

    /// <param name="id">The endpoint's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<WebhookEndpointWithSecretDto>, ProblemHttpResult>> Rotate(Guid id, ISender sender, CancellationToken ct) =>
        (await sender.Send(new RotateWebhookSecretCommand(id), ct)).ToOk();

    /// <param name="id">The endpoint's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new DeleteWebhookEndpointCommand(id), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    /// <param name="id">The endpoint's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Accepted<WebhookDeliveryDto>, ProblemHttpResult>> Ping(Guid id, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new PingWebhookEndpointCommand(id), ct);
        return result.IsSuccess ? TypedResults.Accepted($"/v1/admin/webhook-endpoints/{id}/deliveries", result.Value) : result.Error!.ToProblem();
    }

    /// <param name="id">The endpoint's id.</param>
    /// <param name="status">pending, succeeded or failed.</param>
    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<CursorPage<WebhookDeliveryDto>>, ProblemHttpResult>> Deliveries(
        Guid id, [FromQuery] string? status, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        (await sender.Send(new ListWebhookDeliveriesQuery(id, status, limit, after), ct)).ToOk();

    /// <param name="id">The endpoint's id.</param>
    /// <param name="deliveryId">The delivery's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Accepted<WebhookDeliveryDto>, ProblemHttpResult>> Redeliver(Guid id, Guid deliveryId, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RedeliverWebhookCommand(id, deliveryId), ct);
        return result.IsSuccess ? TypedResults.Accepted($"/v1/admin/webhook-endpoints/{id}/deliveries", result.Value) : result.Error!.ToProblem();
    }
}

using System.Globalization;
using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.ApiClients;
using HeadlessPortal.Application.ApiClients.CreateApiClient;
using HeadlessPortal.Application.ApiClients.ListApiClients;
using HeadlessPortal.Application.ApiClients.RevokeApiClient;
using HeadlessPortal.Application.ApiClients.RotateApiClientSecret;
using HeadlessPortal.Application.AuditEvents.ListAuditEvents;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Outbox;
using HeadlessPortal.Application.Outbox.ListOutboxMessages;
using HeadlessPortal.Application.Outbox.RetryOutboxMessage;
using HeadlessPortal.Application.Texts.ListMessages;
using HeadlessPortal.Application.PhoneNumbers.AddSenderPhoneNumber;
using HeadlessPortal.Application.PhoneNumbers.ListSenderPhoneNumbers;
using HeadlessPortal.Application.PhoneNumbers.RemoveSenderPhoneNumber;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Application.PortalSettings.AcceptLegalAgreement;
using HeadlessPortal.Application.PortalSettings.GetPortalSettings;
using HeadlessPortal.Application.PortalSettings.UpdatePortalSettings;
using HeadlessPortal.Application.PublishableKeys.CreatePublishableKey;
using HeadlessPortal.Application.PublishableKeys.ListPublishableKeys;
using HeadlessPortal.Application.PublishableKeys.RevokePublishableKey;
using HeadlessPortal.Application.Tenants.ChangeTenantHostName;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>
/// The Admin API: what a tenant's admins and back office configure. Every call carries an access token
/// from POST /oauth/token; the tenant comes from the token, and each endpoint needs one scope.
/// </summary>
public static class AdminEndpoints
{
    private static readonly int[] Common = [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError];
    private static readonly int[] BodyProblems = [StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType];

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").ProducesProblems(Common);
        MapApiClients(admin.MapGroup("/api-clients").WithTags("Admin: API clients"));
        MapPortalSettings(admin.MapGroup("/portal-settings").WithTags("Admin: portal settings"));
        MapPhoneNumbers(admin.MapGroup("/phone-numbers").WithTags("Admin: sender phone numbers"));
        MapPublishableKeys(admin.MapGroup("/publishable-keys").WithTags("Admin: publishable keys"));
        admin.MapGet("/audit-events", ListAuditEvents).WithTags("Admin: audit")
            .WithName("ListAuditEvents").WithSummary("List audit events")
            .WithDescription("Every change to settings, clients, keys and numbers: who (client id), what (before and after), when. Newest first; filter by action, actor or target.")
            .RequireScope(Scopes.AuditRead).ProducesProblems(StatusCodes.Status400BadRequest);
        admin.MapGet("/outbox", ListOutboxMessages)
            .WithTags("Admin: outbox")
            .WithName("ListOutboxMessages").WithSummary("List outbox messages")
            .WithDescription("Domain events written in the same transaction as the changes that raised them (job.booked, technician.dispatched, technician.en_route, " +
                "work.completed, invoice.sent, estimate.sent) and emails (email.send), newest first, with their delivery status: pending, failed (tried again at nextAttemptAt), " +
                "dead (given up), sent (delivered to every handler of its type) or noSubscriber (recorded, but nothing handles its type yet). Filter with ?type= and ?status=. Emails show only to, fromName, subject and kind, never their bodies.")
            .RequireScope(Scopes.AuditRead).ProducesProblems(StatusCodes.Status400BadRequest);
        admin.MapGet("/messages", ListMessages)
            .WithTags("Admin: messages")
            .WithName("ListMessages").WithSummary("List emails and texts to customers")
            .WithDescription("Every email and text to the tenant's customers, newest first, with its status: scheduled (waiting: quiet hours, a retry), sending, queued (the provider has it), " +
                "sent, delivered, undelivered, failed or canceled (the number replied STOP before it went); texts' statuses come from Twilio's delivery reports, emails' from the outbox (sent, failed when given up). " +
                "Filter with ?customer= (a customer's external id: its texts, and emails to its addresses and portal contacts), ?channel=email|sms and ?status=. Bodies are never shown (they hold links).")
            .RequireScope(Scopes.CustomersRead).ProducesProblems(StatusCodes.Status400BadRequest);
        admin.MapPost("/outbox/{id:guid}/retry", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new RetryOutboxMessageCommand(id), ct)).ToOk())
            .WithTags("Admin: outbox")
            .WithName("RetryOutboxMessage").WithSummary("Retry an outbox message")
            .WithDescription("A failed, dead or noSubscriber message becomes pending at once with its attempts reset, and is delivered again; answers with the message. " +
                "A sent message is 409 message_already_sent; one a dispatcher is finishing right now is 409 message_busy.")
            .RequireScope(Scopes.AuditRead).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    private static void MapApiClients(RouteGroupBuilder group)
    {
        group.MapGet("/", async ([FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListApiClientsQuery(limit, after), ct)))
            .WithName("ListApiClients").WithSummary("List API clients")
            .WithDescription("The tenant's API clients, oldest first; secrets are never shown again after creation.")
            .RequireScope(Scopes.ClientsWrite).ProducesProblems(StatusCodes.Status400BadRequest);

        group.MapPost("/", CreateApiClient)
            .WithName("CreateApiClient").WithSummary("Create an API client")
            .WithDescription("Creates a client with a role (admin, office, integration) that maps to scopes. The response holds the secret: store it now, it is shown once.")
            .RequireScope(Scopes.ClientsWrite).ProducesProblems(BodyProblems).ProducesProblems(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/secret", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RotateApiClientSecretCommand(id), ct)).ToOk())
            .WithName("RotateApiClientSecret").WithSummary("Rotate a client's secret")
            .WithDescription("Issues a new secret (shown once); the old one stops working at once. Tokens already issued stay valid until they expire (15 minutes).")
            .RequireScope(Scopes.ClientsWrite).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/revoke", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RevokeApiClientCommand(id), ct)).ToOk())
            .WithName("RevokeApiClient").WithSummary("Revoke a client")
            .WithDescription("The token endpoint refuses the client from now on; tokens already issued expire within 15 minutes. Revoking again changes nothing.")
            .RequireScope(Scopes.ClientsWrite).ProducesProblems(StatusCodes.Status404NotFound);
    }

    /// <param name="request">Name and role.</param>
    /// <param name="tenant">The caller's tenant.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<ApiClientCredentialsDto>, ProblemHttpResult>> CreateApiClient(
        [FromBody] CreateApiClientRequest request, ICurrentTenant tenant, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new CreateApiClientCommand(tenant.AdminTenantId(), request.Name, request.Role), ct);
        return result.ToCreated(c => $"/v1/admin/api-clients/{c.Id}");
    }

    private static void MapPortalSettings(RouteGroupBuilder group)
    {
        group.MapGet("/", GetSettings)
            .WithName("GetPortalSettings").WithSummary("Get portal settings")
            .WithDescription("Settings -> Customer Portal, with the stored branding and the effective branding after fallback, and warnings for settings that cannot work yet. The ETag header is the version to send back in If-Match.")
            .RequireScope(Scopes.SettingsRead);

        group.MapPut("/", PutSettings)
            .WithName("UpdatePortalSettings").WithSummary("Replace portal settings")
            .WithDescription("Send back the document GET returned, changed, with If-Match set to its ETag. Every editable field is required (a 400 names each one missing); read-only fields are ignored. " +
                "A stale ETag is 412; a missing If-Match is 428. Enabling before the legal agreement is accepted is 409 legal_agreement_required; unknown business unit ids are 422.")
            .RequireScope(Scopes.SettingsWrite)
            .ProducesProblems(BodyProblems)
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status428PreconditionRequired);

        group.MapPost("/legal-agreement/acceptance", async (ISender sender, HttpContext http, CancellationToken ct) =>
                WithETag(http, await sender.Send(new AcceptLegalAgreementCommand(), ct)))
            .WithName("AcceptLegalAgreement").WithSummary("Accept the portal's legal agreement")
            .WithDescription("Records the current agreement version, the accepting client and the time. Required before the portal can be enabled.")
            .RequireScope(Scopes.SettingsWrite);

        group.MapPut("/host-name", async ([FromBody] ChangeHostNameRequest request, ICurrentTenant tenant, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(new ChangeTenantHostNameCommand(tenant.AdminTenantId(), request.HostName), ct);
                return (result.IsSuccess ? Result<HostNameResponse>.Success(new HostNameResponse(result.Value.HostName)) : result.Error!).ToOk();
            })
            .WithName("ChangePortalHostName").WithSummary("Change the portal's host name")
            .WithDescription("5-63 lowercase letters, digits and hyphens, no hyphen at either end, not reserved, unique across tenants (409 host_name_taken).")
            .RequireScope(Scopes.SettingsWrite)
            .ProducesProblems(BodyProblems)
            .ProducesProblems(StatusCodes.Status409Conflict);
    }

    /// <param name="sender">The mediator.</param>
    /// <param name="http">For the ETag header.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<PortalSettingsDto>, ProblemHttpResult>> GetSettings(ISender sender, HttpContext http, CancellationToken ct) =>
        WithETag(http, await sender.Send(new GetPortalSettingsQuery(), ct));

    /// <param name="settings">The settings document.</param>
    /// <param name="ifMatch">The ETag from GET.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="http">For the ETag header.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<PortalSettingsDto>, ProblemHttpResult>> PutSettings(
        [FromBody] PortalSettingsInput settings, [FromHeader(Name = "If-Match")] string? ifMatch, ISender sender, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return new Error(ErrorKind.PreconditionFailed, "precondition_required", "Send If-Match with the ETag of the settings you read (GET /v1/admin/portal-settings).").ToProblem(StatusCodes.Status428PreconditionRequired);
        }

        if (!TryParseETag(ifMatch, out var version))
        {
            return new Error(ErrorKind.PreconditionFailed, "precondition_failed", "If-Match does not match the current settings; GET them again.").ToProblem();
        }

        return WithETag(http, await sender.Send(settings.ToCommand(version), ct));
    }

    private static void MapPhoneNumbers(RouteGroupBuilder group)
    {
        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListSenderPhoneNumbersQuery(), ct)))
            .WithName("ListSenderPhoneNumbers").WithSummary("List sender phone numbers")
            .WithDescription("Numbers the tenant sends SMS from, oldest first, as one complete page (hasMore false). SMS milestone notifications need at least one.")
            .RequireScope(Scopes.SettingsRead);

        group.MapPost("/", async ([FromBody] PhoneNumberRequest request, ISender sender, CancellationToken ct) =>
                (await sender.Send(new AddSenderPhoneNumberCommand(request.Number, request.Label), ct))
                    .ToCreated(p => $"/v1/admin/phone-numbers/{p.Id}"))
            .WithName("AddSenderPhoneNumber").WithSummary("Add a sender phone number")
            .WithDescription("E.164 (+15555550123). A number already added is 409 phone_number_exists.")
            .RequireScope(Scopes.SettingsWrite).ProducesProblems(BodyProblems).ProducesProblems(StatusCodes.Status409Conflict);

        group.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new RemoveSenderPhoneNumberCommand(id), ct)).ToOk())
            .WithName("RemoveSenderPhoneNumber").WithSummary("Remove a sender phone number")
            .WithDescription("Removes the number; answers with what was removed.")
            .RequireScope(Scopes.SettingsWrite).ProducesProblems(StatusCodes.Status404NotFound);
    }

    private static void MapPublishableKeys(RouteGroupBuilder group)
    {
        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListPublishableKeysQuery(), ct)))
            .WithName("ListPublishableKeys").WithSummary("List publishable keys")
            .WithDescription("Keys for front ends and website widgets, revoked ones included, oldest first, as one complete page (hasMore false).")
            .RequireScope(Scopes.SettingsRead);

        group.MapPost("/", async ([FromBody] PublishableKeyRequest request, ISender sender, CancellationToken ct) =>
                (await sender.Send(new CreatePublishableKeyCommand(request.Name, request.AllowedOrigins), ct))
                    .ToCreated(k => $"/v1/admin/publishable-keys/{k.Id}"))
            .WithName("CreatePublishableKey").WithSummary("Create a publishable key")
            .WithDescription("A pk_ key to send as X-Portal-Key from browsers. CORS on /v1/public and /v1/portal allows exactly the origins listed here for the key.")
            .RequireScope(Scopes.SettingsWrite).ProducesProblems(BodyProblems).ProducesProblems(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/revoke", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new RevokePublishableKeyCommand(id), ct)).ToOk())
            .WithName("RevokePublishableKey").WithSummary("Revoke a publishable key")
            .WithDescription("Requests carrying the key are refused from now on.")
            .RequireScope(Scopes.SettingsWrite).ProducesProblems(StatusCodes.Status404NotFound);
    }

    /// <param name="action">Only this action, such as portal_settings.updated.</param>
    /// <param name="actor">Only this actor (client id, or platform).</param>
    /// <param name="target">Only this target, such as portal-settings.</param>
    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<CursorPage<AuditEventDto>>> ListAuditEvents(
        [FromQuery] string? action, [FromQuery] string? actor, [FromQuery] string? target, [FromQuery] int? limit, [FromQuery] string? after,
        ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListAuditEventsQuery(action, actor, target, limit, after), ct));

    /// <param name="customer">Only this customer's messages (its external id).</param>
    /// <param name="channel">email or sms.</param>
    /// <param name="status">scheduled, sending, queued, sent, delivered, undelivered, failed or canceled.</param>
    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<CursorPage<MessageDto>>> ListMessages(
        [FromQuery] string? customer, [FromQuery] string? channel, [FromQuery] string? status, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListMessagesQuery(customer, channel, status, limit, after), ct));

    /// <param name="type">Only this type, such as email.send or job.booked.</param>
    /// <param name="status">Only this status: pending, failed, dead, sent or noSubscriber.</param>
    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<CursorPage<OutboxMessageDto>>> ListOutboxMessages(
        [FromQuery] string? type, [FromQuery] string? status, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListOutboxMessagesQuery(type, status, limit, after), ct));


    private static Results<Ok<PortalSettingsDto>, ProblemHttpResult> WithETag(HttpContext http, Result<PortalSettingsDto> result)
    {
        if (result.IsSuccess)
        {
            http.Response.Headers.ETag = ETag(result.Value.Version);
        }

        return result.ToOk();
    }

    private static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private static bool TryParseETag(string value, out int version)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith("W/", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        return int.TryParse(trimmed.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}

/// <summary>A new API client.</summary>
/// <param name="Name">What it is for, 1-100 characters.</param>
/// <param name="Role">admin, office or integration.</param>
public sealed record CreateApiClientRequest(string Name, ApiClientRole? Role);

/// <summary>A sender phone number.</summary>
/// <param name="Number">E.164, such as +15555550123.</param>
/// <param name="Label">What it is, such as "Dispatch line".</param>
public sealed record PhoneNumberRequest(string Number, string? Label);

/// <summary>A new publishable key.</summary>
/// <param name="Name">What it is for.</param>
/// <param name="AllowedOrigins">Browser origins allowed to use it, such as https://www.acme-hvac.example.</param>
public sealed record PublishableKeyRequest(string Name, IReadOnlyList<string> AllowedOrigins);

/// <summary>The portal's host name.</summary>
/// <param name="HostName">The host name now in force.</param>
public sealed record HostNameResponse(string HostName);

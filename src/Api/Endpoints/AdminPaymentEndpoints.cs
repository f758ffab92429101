using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.AuditEvents.GetJobAuditTrail;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.PaymentLinks;
using HeadlessPortal.Application.PaymentLinks.CreatePaymentLink;
using HeadlessPortal.Application.PaymentLinks.GetPaymentLink;
using HeadlessPortal.Application.PaymentLinks.ListPaymentLinks;
using HeadlessPortal.Application.PaymentLinks.RevokePaymentLink;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Payments.GetPayment;
using HeadlessPortal.Application.Payments.ListPayments;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The office's side of online payments: direct payment links, the payments list, and a job's audit trail.</summary>
public static class AdminPaymentEndpoints
{
    public static IEndpointRouteBuilder MapAdminPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);
        MapPaymentLinks(admin);
        MapPayments(admin);

        admin.MapGet("/jobs/{externalId}/audit-trail", GetJobAuditTrail).WithTags("Admin: audit")
            .WithName("GetJobAuditTrail").WithSummary("A job's audit trail")
            .WithDescription("What happened around a job beyond the back office's own records, newest first: online payments of its invoices (payment.succeeded, payment.failed, " +
                "payment.refunded, ...), each with its actor, time and details ({ paymentId, invoiceNumber, amount, currency, method }). Cursor pagination. " +
                "404 not_found for a job the tenant does not have; a removed job keeps its trail.")
            .RequireScope(Scopes.AuditRead)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    private static void MapPaymentLinks(RouteGroupBuilder admin)
    {
        const string tag = "Admin: payment links";
        admin.MapPost("/invoices/{externalId}/payment-links", CreatePaymentLink)
            .WithTags(tag)
            .WithName("CreatePaymentLink").WithSummary("Create a payment link for an invoice")
            .WithDescription("A direct link to send the customer (by email, SMS, ...): whoever opens it sees this one invoice and can pay it, without an account and " +
                "without saved payment methods, until it expires or is revoked. It is not single use: the customer may come back and pay the rest. " +
                "expiresInDays is 1 to the configured maximum (90 by default); without it, the configured default (30). The response holds the token and URL: " +
                "they are shown only now. 404 not_found for an unknown or removed invoice; 422 nothing_due when it has no balance.")
            .RequireScope(Scopes.PaymentsWrite)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        admin.MapGet("/invoices/{externalId}/payment-links", ListPaymentLinks)
            .WithTags(tag)
            .WithName("ListPaymentLinks").WithSummary("An invoice's payment links")
            .WithDescription("Newest first, without tokens, each with its status (active, expired, revoked), who made it (an API client, or system for the link of the " +
                "invoice email) and when it was last opened. Cursor pagination. 404 not_found for an unknown invoice.")
            .RequireScope(Scopes.PaymentsRead)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        admin.MapGet("/payment-links/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new GetPaymentLinkQuery(id), ct)).ToOk())
            .WithTags(tag)
            .WithName("GetPaymentLink").WithSummary("A payment link")
            .WithDescription("One payment link, without its token. 404 not_found for an unknown id or another company's link.")
            .RequireScope(Scopes.PaymentsRead)
            .ProducesProblems(StatusCodes.Status404NotFound);

        admin.MapDelete("/payment-links/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new RevokePaymentLinkCommand(id), ct)).ToOk())
            .WithTags(tag)
            .WithName("RevokePaymentLink").WithSummary("Revoke a payment link")
            .WithDescription("The link stops working at once (opening it is then 404 like an unknown link); payments already made through it stand. " +
                "Revoking a revoked link answers the same link again and changes nothing. 404 not_found for an unknown id or another company's link.")
            .RequireScope(Scopes.PaymentsWrite)
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    private static void MapPayments(RouteGroupBuilder admin)
    {
        var payments = admin.MapGroup("/payments").WithTags("Admin: payments");
        payments.MapGet("/", ListPayments)
            .WithName("ListPayments").WithSummary("List online payments")
            .WithDescription("Payments customers made in the portal or through payment links, newest first, with cursor pagination. Filters combine: ?status=, " +
                "?customerId= and ?invoiceId= (the back office's ids; an unknown one lists nothing; an invoice matches the payments that pay it, alone or with others), " +
                "?createdFrom= (inclusive) and ?createdTo= (exclusive), ISO 8601.")
            .RequireScope(Scopes.PaymentsRead)
            .ProducesProblems(StatusCodes.Status400BadRequest);

        payments.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new GetPaymentQuery(id), ct)).ToOk())
            .WithName("GetPayment").WithSummary("An online payment")
            .WithDescription("One payment with its invoices, provider PaymentIntent, failure and bank debit authorization. 404 not_found for an unknown id or another company's payment.")
            .RequireScope(Scopes.PaymentsRead)
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    /// <param name="externalId">The invoice's id in the back office.</param>
    /// <param name="request">How long the link works; may be omitted.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<CreatedPaymentLinkDto>, ProblemHttpResult>> CreatePaymentLink(
        string externalId, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CreatePaymentLinkRequest? request,
        ISender sender, CancellationToken ct) =>
        (await sender.Send(new CreatePaymentLinkCommand(externalId, request?.ExpiresInDays), ct)).ToCreated(l => $"/v1/admin/payment-links/{l.Id}");

    /// <param name="externalId">The invoice's id in the back office.</param>
    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<CursorPage<PaymentLinkDto>>, ProblemHttpResult>> ListPaymentLinks(
        string externalId, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        (await sender.Send(new ListPaymentLinksQuery(externalId, limit, after), ct)).ToOk();

    /// <param name="status">Only this status: pending, requiresAction, processing, succeeded, failed or canceled.</param>
    /// <param name="customerId">Only this customer's payments (the back office's customer id).</param>
    /// <param name="invoiceId">Only payments of this invoice (the back office's invoice id).</param>
    /// <param name="createdFrom">Only payments started at or after this time (ISO 8601).</param>
    /// <param name="createdTo">Only payments started before this time (ISO 8601).</param>
    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<CursorPage<AdminPaymentDto>>> ListPayments(
        [FromQuery] string? status, [FromQuery] string? customerId, [FromQuery] string? invoiceId, [FromQuery] DateTimeOffset? createdFrom,
        [FromQuery] DateTimeOffset? createdTo, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPaymentsQuery(status, customerId, invoiceId, createdFrom, createdTo, limit, after), ct));

    /// <param name="externalId">The job's id in the back office.</param>
    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<CursorPage<JobAuditEntryDto>>, ProblemHttpResult>> GetJobAuditTrail(
        string externalId, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        (await sender.Send(new GetJobAuditTrailQuery(externalId, limit, after), ct)).ToOk();
}

/// <summary>A new payment link.</summary>
/// <param name="ExpiresInDays">Days it works, 1 to the configured maximum (90 by default); the configured default (30) when omitted.</param>
public sealed record CreatePaymentLinkRequest(int? ExpiresInDays);

using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.PortalPaymentMethods;
using HeadlessPortal.Application.PortalPaymentMethods.AttachPaymentMethod;
using HeadlessPortal.Application.PortalPaymentMethods.GetPaymentMethod;
using HeadlessPortal.Application.PortalPaymentMethods.GetPaymentMethodHistory;
using HeadlessPortal.Application.PortalPaymentMethods.ListPaymentMethods;
using HeadlessPortal.Application.PortalPaymentMethods.MakePrimaryPaymentMethod;
using HeadlessPortal.Application.PortalPaymentMethods.RemovePaymentMethod;
using HeadlessPortal.Application.PortalPaymentMethods.SetUpPaymentMethod;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Saved payment methods: the customer's (portal) and their history (office).</summary>
public static class PortalPaymentMethodEndpoints
{
    private const string Gate =
        "409 saved_payment_methods_off when the company does not keep saved methods; 409 payments_disabled when it takes no online payments (switched off, or no payment account connected).";

    public static IEndpointRouteBuilder MapPortalPaymentMethodEndpoints(this IEndpointRouteBuilder app)
    {
        var methods = app.MapSignedInPortalGroup("Portal: payment methods")
            .ProducesProblems(StatusCodes.Status409Conflict);

        methods.MapGet("/payment-methods", List)
            .WithName("ListPortalPaymentMethods").WithSummary("My saved payment methods")
            .WithDescription(
                "The saved cards and bank accounts of a customer the user has billing access to (?customerId=), or of every such customer (by name) when omitted: " +
                "of each customer the primary first (the default when paying with a saved method), then the most recently saved. A customer keeps at most 10, so the list is not paginated. " +
                "Only what identifies a method to a person is shown (brand, last four digits, expiry, bank name): numbers never reach this API. " +
                "404 not_found for a customerId without billing access or unknown. " + Gate)
            .ProducesProblems(StatusCodes.Status404NotFound);

        methods.MapPost("/payment-methods/setup", async ([FromBody] SetUpPaymentMethodRequest body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new SetUpPaymentMethodCommand(body), ct)).ToOk())
            .WithName("SetUpPortalPaymentMethod").WithSummary("Start saving a payment method")
            .WithDescription(
                "Creates a Stripe SetupIntent for the customer (type card or usBankAccount) on the company's Stripe account and answers its clientSecret and the keys for Stripe.js: " +
                "collect and confirm the method in the browser (stripe.confirmCardSetup, confirmUsBankAccountSetup, or the Payment Element's confirmSetup with loadStripe(publishableKey, { stripeAccount: accountId })), " +
                "then send the setupIntentId to POST /v1/portal/payment-methods. The card or account number goes from the browser to Stripe only. " +
                "The customer's Stripe customer is created at the first setup. 404 not_found for a customer without billing access; 409 too_many_payment_methods when the customer keeps 10 already. " + Gate)
            .Accepts<SetUpPaymentMethodRequest>("application/json")
            .Produces<PaymentMethodSetupDto>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);

        methods.MapPost("/payment-methods", Attach)
            .WithName("AttachPortalPaymentMethod").WithSummary("Save a confirmed payment method")
            .WithDescription(
                "Saves the method of a SetupIntent Stripe.js confirmed: the SetupIntent must be this company's, made for this customer by POST /v1/portal/payment-methods/setup (anything else is 404 not_found), and succeeded " +
                "(409 setup_intent_not_succeeded otherwise, such as while a bank account awaits verification). Answers 201 with the method; 200 with it when it was saved already " +
                "(Stripe's setup_intent.succeeded notification saves it too, so the customer's method is kept even if the page was closed). The first method a customer saves (or one saved while the customer has no primary) becomes primary. " +
                "409 too_many_payment_methods beyond 10; 409 payment_method_removed for a method removed since. Every change is recorded in the history the office reads. " + Gate)
            .Accepts<AttachPaymentMethodRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);

        methods.MapGet("/payment-methods/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new GetPaymentMethodQuery(id), ct)).ToOk())
            .WithName("GetPortalPaymentMethod").WithSummary("One of my saved payment methods")
            .WithDescription("404 not_found for a removed method, another customer's, a service-only customer's or another company's, as for one that does not exist. " + Gate)
            .ProducesProblems(StatusCodes.Status404NotFound);

        methods.MapPost("/payment-methods/{id:guid}/make-primary", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new MakePrimaryPaymentMethodCommand(id), ct)).ToOk())
            .WithName("MakePortalPaymentMethodPrimary").WithSummary("Make a saved method the primary")
            .WithDescription(
                "The method becomes the customer's primary (the default when paying with a saved method without naming one) and the previous primary stops being one; the change is recorded in the history. " +
                "Making the primary primary again changes nothing. 409 payment_method_expired for an expired card. 404 not_found as for reading it. " + Gate)
            .ProducesProblems(StatusCodes.Status404NotFound);

        methods.MapDelete("/payment-methods/{id:guid}", Remove)
            .WithName("RemovePortalPaymentMethod").WithSummary("Remove a saved method")
            .WithDescription(
                "Detaches the method from the customer at Stripe, so it can never be charged again (a method Stripe already detached is removed all the same), then removes it here. " +
                "When it was the primary, the most recently saved remaining method that is not an expired card becomes primary, or none does; both are recorded in the history. 404 not_found as for reading it. " + Gate)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);

        var admin = app.MapGroup("/v1/admin").WithTags("Admin: saved payment methods")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status500InternalServerError);
        admin.MapGet("/customers/{externalId}/payment-method-history", History)
            .RequireScope(Scopes.PaymentsRead)
            .WithName("GetPaymentMethodHistory").WithSummary("History of a customer's saved payment methods")
            .WithDescription(
                "Every change to the customer's saved payment methods, newest first: added, madePrimary (chosen by the customer, the first method saved, or the successor of a removed primary), " +
                "removed, and primaryCleared (the primary was removed and no other method could take over), with the method as people name it (\"Visa •••• 4242\"), who acted and when. " +
                "Cursor pagination (?limit= 1-100, default 25; ?after= a nextCursor). 404 not_found for an unknown customer.")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>My saved payment methods.</summary>
    /// <param name="customerId">Only this customer's (an id from GET /v1/portal/me with billing access).</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<CursorPage<SavedPaymentMethodDto>>, ProblemHttpResult>> List([FromQuery] Guid? customerId, ISender sender, CancellationToken ct) =>
        (await sender.Send(new ListPaymentMethodsQuery(customerId), ct)).ToOk();

    /// <summary>Save a confirmed payment method.</summary>
    /// <param name="body">The customer and the confirmed SetupIntent.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<SavedPaymentMethodDto>, Ok<SavedPaymentMethodDto>, ProblemHttpResult>> Attach(
        [FromBody] AttachPaymentMethodRequest body, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new AttachPaymentMethodCommand(body), ct);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var method = result.Value.Method;
        return result.Value.Created ? TypedResults.Created($"/v1/portal/payment-methods/{method.Id}", method) : TypedResults.Ok(method);
    }

    /// <summary>Remove a saved method.</summary>
    /// <param name="id">The saved method.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RemovePaymentMethodCommand(id), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    /// <summary>History of a customer's saved payment methods.</summary>
    /// <param name="externalId">The customer's id in the back office.</param>
    /// <param name="limit">Page size, 1-100 (default 25).</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<CursorPage<PaymentMethodHistoryEntryDto>>, ProblemHttpResult>> History(
        string externalId, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        (await sender.Send(new GetPaymentMethodHistoryQuery(externalId, limit, after), ct)).ToOk();
}

using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Payments.ConnectPaymentAccount;
using HeadlessPortal.Application.Payments.DisconnectPaymentAccount;
using HeadlessPortal.Application.Payments.GetPaymentAccount;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The body of PUT /v1/admin/payment-account.</summary>
/// <param name="AccountId">The company's Stripe account id (acct_...).</param>
public sealed record PaymentAccountRequest([property: Required] string? AccountId);

/// <summary>The company's Stripe account, and Stripe's webhooks.</summary>
public static class PaymentAccountEndpoints
{
    public static IEndpointRouteBuilder MapPaymentAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/v1/admin/payment-account").WithTags("Admin: payment account")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);

        account.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetPaymentAccountQuery(), ct)))
            .WithName("GetPaymentAccount").WithSummary("The company's payment account")
            .WithDescription("Whether a Stripe account is connected, and which. Online payments can be enabled in the portal settings only with one.")
            .RequireScope(Scopes.SettingsRead);

        account.MapPut("/", async ([FromBody] PaymentAccountRequest request, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ConnectPaymentAccountCommand(request.AccountId), ct)).ToOk())
            .WithName("ConnectPaymentAccount").WithSummary("Connect the company's Stripe account")
            .WithDescription("Connects (or changes) the Stripe account payments are taken into: every Stripe call for this company carries it as Stripe-Account. An account connected to another company is 409 payment_account_in_use.")
            .RequireScope(Scopes.SettingsWrite)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        account.MapDelete("/", async (ISender sender, CancellationToken ct) =>
                (await sender.Send(new DisconnectPaymentAccountCommand(), ct)).ToOk())
            .WithName("DisconnectPaymentAccount").WithSummary("Disconnect the payment account")
            .WithDescription("Removes the account and switches online payments off; customers still see their invoices and history, and paying answers 409 payments_disabled. 404 when none is connected.")
            .RequireScope(Scopes.SettingsWrite)
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }
}

using HeadlessPortal.Api.Errors;
using Mediator;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.PortalInvoices;
using HeadlessPortal.Application.PortalInvoices.GetPortalInvoice;
using HeadlessPortal.Application.PortalInvoices.ListBillToCustomers;
using HeadlessPortal.Application.PortalInvoices.ListPortalInvoices;
using HeadlessPortal.Application.PortalTasks;
using HeadlessPortal.Application.PortalTasks.GetPortalTasks;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The signed-in customer's invoices, Bill-To customers and "My tasks".</summary>
public static class PortalInvoiceEndpoints
{
    public static IEndpointRouteBuilder MapPortalInvoiceEndpoints(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapSignedInPortalGroup("Portal: invoices");

        invoices.MapGet("/bill-to-customers", async (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListBillToCustomersQuery(), ct)))
            .WithName("ListPortalBillToCustomers").WithSummary("Customers whose invoices I can see")
            .WithDescription("Every customer the user has billing access to, with the open balance (sum of the balances of its invoices the user can see, in the company's currency), amountPending (what online payments under way, such as a bank debit still processing, hold of it), payableAmount (what can be paid online now: the open balance less what is pending, zero when online payment is not possible), payable, and the number of unpaid invoices. Customers with unpaid invoices come first, then by name. One complete page (hasMore false): a user has few customers. Service-only customers are not listed; none is listed while the company does not offer invoice & payment in the portal.")
            .Produces<CursorPage<BillToCustomerDto>>();

        invoices.MapGet("/invoices", ListInvoices)
            .WithName("ListPortalInvoices").WithSummary("My invoices")
            .WithDescription("Invoices billed to customers the user has billing access to that ever had a balance (a $0 invoice never appears) and belong to a business unit the company shows. Unpaid first, then the newest issue date, then id; cursor pagination (?limit= 1-100, default 25, ?after= a nextCursor). ?billToCustomerId= keeps one Bill-To customer: an id the user has no billing access to (or that does not exist) lists nothing. ?status= open, paid or all (default). Each has balance, amountPending (held by online payments under way, such as a bank debit still processing), payableAmount (what can be paid online now) and payable. Empty while the company does not offer invoice & payment in the portal.")
            .ProducesProblems(StatusCodes.Status400BadRequest);

        invoices.MapGet("/invoices/{id}", async (string id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetPortalInvoiceQuery(id), ct)).ToOk())
            .WithName("GetPortalInvoice").WithSummary("One of my invoices")
            .WithDescription("Lines, totals, balance, amountPending (what online payments under way, such as a bank debit still processing, hold of the balance), payableAmount (what a new payment may take now: the balance less what is pending; zero when it cannot be paid now), payments recorded by the office, the job and location, and whether it can be paid now: payment.payable, with payment.reason payments_disabled (online payments off or no payment account connected), nothing_due (no balance) or payment_in_progress (payments under way hold all of it), checked in that order. Without partial payments the amount paid is exactly the balance; with them at least payment.minimumAmount and at most payableAmount. 404 not_found for an invoice the user cannot see (another customer's, a service-only customer's, a $0 invoice, a hidden business unit, any invoice while the company does not offer invoice & payment in the portal) exactly as for one that does not exist.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        var tasks = app.MapSignedInPortalGroup("Portal: my tasks");
        tasks.MapGet("/tasks", async (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetPortalTasksQuery(), ct)))
            .WithName("GetPortalTasks").WithSummary("My tasks")
            .WithDescription("Each list has a count and its first 20 items. invoicesToPay: invoices with a balance the user can see and pay (billing access), with amountPending, payableAmount and whether they can be paid now (none while the company does not offer invoice & payment in the portal); upcomingAppointments: appointments of jobs of every accessible customer that are not canceled or completed and start in the future, soonest first (times only when the company shows arrival windows); proposalsAwaitingSignature: open proposals of customers with billing access, when the company takes estimate approvals; reviewPrompts: jobs completed in the last 30 days that the customer has not reviewed yet, newest first, with where to POST the review, when the company collects reviews; agreementVisitsToSchedule: unscheduled visits of active agreements with a target date today or later, when the company shows unscheduled agreement visits; bookedAppointments: appointments the user booked themselves in the portal that the back office has not confirmed with a synced job yet, until their window ends (with whether they can still be rescheduled or canceled), when the company takes bookings.")
            .Produces<PortalTasksDto>();
        return app;
    }

    /// <summary>My invoices.</summary>
    /// <param name="billToCustomerId">Only invoices billed to this customer (an id from /v1/portal/bill-to-customers).</param>
    /// <param name="status">open (a balance is due), paid, or all (default).</param>
    /// <param name="limit">Page size, 1-100 (default 25).</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<CursorPage<PortalInvoiceSummaryDto>>> ListInvoices(
        [FromQuery] Guid? billToCustomerId, [FromQuery] string? status, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPortalInvoicesQuery(billToCustomerId, status, limit, after), ct));
}

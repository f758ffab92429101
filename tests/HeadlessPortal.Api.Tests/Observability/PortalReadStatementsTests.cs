using System.Net;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Payments;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Observability;

/// <summary>
/// The statements behind a customer's first page, seen in its trace: what every page needs of the user (their customers,
/// whether the company takes payments) comes from memory, and the invoices of all the user's customers are read
/// together, so a page's round trips do not grow with the number of customers. A revoked contact still shows at once.
/// </summary>
public sealed class PortalReadStatementsTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task MyTasks_ReadsAllTheCustomersInvoicesInOneStatement_AndTheUsersAccessFromMemory_UntilAContactIsRevoked(TestDb engine)
    {
        await using var stripe = await FakeStripeFixture.StartAsync();
        var (p, spans) = await SpanRecorder.TracedPaymentTenantAsync(stripe, engine);

        // Pat pays for two households now (Avery; Carter: C-1) and sees Birch's service only.
        await p.Tenant.ContactAsync("con-c", "cust-c", p.UserEmail, name: PaymentTenant.UserName);
        Assert.Equal(["A-1", "A-2", "C-1"], Numbers(await TasksAsync(p)));

        var (tasks, statements) = await TracedTasksAsync(p, spans, engine);
        Assert.Equal(3, tasks["invoicesToPay"]!["count"]!.GetValue<int>());
        Assert.Equal(["A-1", "A-2", "C-1"], Numbers(tasks));
        var invoices = statements.Where(s => s.Contains("FROM \"Invoices\"", StringComparison.Ordinal)).ToList();
        Assert.True(invoices.Count == 1, "the unpaid rows of both customers at once, which are all of them:\n" + string.Join("\n---\n", invoices));
        Assert.DoesNotContain(statements, s => s.Contains("FROM \"PortalContacts\"", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.Contains("FROM \"PaymentAccounts\"", StringComparison.Ordinal));

        // Revoking the Carter contact changes the tenant's data: the next page works the user's customers out again.
        await AdminSession.ExpectAsync(await p.Admin.PostAsync("/v1/admin/contacts/con-c/revoke-access", null), HttpStatusCode.OK);
        var (after, afterStatements) = await TracedTasksAsync(p, spans, engine);
        Assert.Equal(["A-1", "A-2"], Numbers(after));
        Assert.Contains(afterStatements, s => s.Contains("FROM \"PortalContacts\"", StringComparison.Ordinal));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task MyTasks_WithMoreUnpaidInvoicesThanItShows_CountsEveryOne_InAStatementOfItsOwn(TestDb engine)
    {
        await using var stripe = await FakeStripeFixture.StartAsync();
        var (p, spans) = await SpanRecorder.TracedPaymentTenantAsync(stripe, engine);

        // Avery has; with 19 more, the 21 unpaid invoices are one more than the list shows.
        for (var n = 3; n <= 21; n++)
        {
            await PaymentTenant.InvoiceAsync(p.Tenant, $"inv-a{n}", $"A-{n}", "cust-a", 1_000 + n);
        }

        var (tasks, statements) = await TracedTasksAsync(p, spans, engine);
        Assert.Equal(21, tasks["invoicesToPay"]!["count"]!.GetValue<int>());
        Assert.Equal(TaskListItems, tasks["invoicesToPay"]!["items"]!.AsArray().Count);
        var invoices = statements.Where(s => s.Contains("FROM \"Invoices\"", StringComparison.Ordinal)).ToList();
        Assert.True(invoices.Count == 2, "the unpaid rows the list shows, then the count of all of them:\n" + string.Join("\n---\n", invoices));

        // One paid: 20 left, as many as the list shows, so the count is read again and is 20.
        await PaymentTenant.InvoiceAsync(p.Tenant, "inv-a21", "A-21", "cust-a", 0);
        var (paid, paidStatements) = await TracedTasksAsync(p, spans, engine);
        Assert.Equal(20, paid["invoicesToPay"]!["count"]!.GetValue<int>());
        Assert.DoesNotContain("A-21", Numbers(paid));
        Assert.Equal(2, paidStatements.Count(s => s.Contains("FROM \"Invoices\"", StringComparison.Ordinal)));
    }

    // The most items of one kind a task list shows (GetPortalTasksHandler.MaxItems).
    private const int TaskListItems = 20;

    private static async Task<JsonNode> TasksAsync(PaymentTenant p)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/portal/tasks");
        request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        return await AdminSession.ExpectAsync(await p.Portal.SendAsync(request), HttpStatusCode.OK);
    }

    /// <summary>My tasks read from the database (Cache-Control: no-cache), with the statements its handler ran, in order.</summary>
    private static async Task<(JsonNode Tasks, List<string> Statements)> TracedTasksAsync(PaymentTenant p, SpanRecorder spans, TestDb engine)
    {
        var before = spans.Ended.Select(s => s.SpanId).ToHashSet();
        var tasks = await TasksAsync(p);
        var handler = await spans.WaitForAsync(s => !before.Contains(s.SpanId) && s.DisplayName == "mediator GetPortalTasksQuery");
        var statements = SpanRecorder.Statements(spans.Ended.Where(s => s.TraceId == handler.TraceId), engine);
        return (tasks, statements);
    }

    private static List<string> Numbers(JsonNode tasks) =>
        tasks["invoicesToPay"]!["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
}

using System.Diagnostics;
using HeadlessPortal.Api.Tests.Payments;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.TestSupport;
using static HeadlessPortal.Api.Tests.Payments.PaymentTenant;

namespace HeadlessPortal.Api.Tests.Observability;

/// <summary>
/// One payment's trace, collected in memory through the API's own OpenTelemetry set-up: the endpoint, the mediator,
/// the call to Stripe and the database, all in one trace.
/// </summary>
public sealed class PaymentTraceTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Payment_WhenTraced_ShowsTheEndpointTheMediatorTheStripeCallAndTheDatabaseInOneTrace(TestDb engine)
    {
        await using var stripe = await FakeStripeFixture.StartAsync();
        var (p, endpoint, trace) = await PayTracedAsync(stripe, engine);

        var mediator = Assert.Single(trace, s => s.DisplayName == "mediator PayInvoicesCommand");
        Assert.Equal("success", mediator.GetTagItem("mediator.outcome"));
        Assert.Equal(endpoint.SpanId, Ancestors(mediator, trace).Last().SpanId);

        var stripeCall = Assert.Single(trace, s => s.DisplayName == "stripe POST /v1/payment_intents");
        Assert.Contains(mediator, Ancestors(stripeCall, trace));
        Assert.Equal(p.AccountId, stripeCall.GetTagItem("stripe.account"));
        var attempts = trace.Where(s => s.Kind == ActivityKind.Client && (s.GetTagItem("url.full") as string)?.Contains("/v1/payment_intents", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(attempts);
        Assert.All(attempts, attempt => Assert.Contains(stripeCall, Ancestors(attempt, trace)));

        var database = engine == TestDb.Sqlite ? "sqlite" : "postgresql";
        var queries = trace.Where(s => s.Kind == ActivityKind.Client && (s.GetTagItem("db.system.name") ?? s.GetTagItem("db.system")) as string == database).ToList();
        Assert.NotEmpty(queries);
        Assert.Contains(queries, q => Ancestors(q, trace).Contains(mediator));
        Assert.All(queries, q => Assert.False(string.IsNullOrEmpty((q.GetTagItem("db.namespace") ?? q.GetTagItem("db.name")) as string), $"{q.DisplayName} names its database"));

        // Nothing a customer typed, no secret: the mediator span names the request, never its content.
        Assert.DoesNotContain(mediator.TagObjects, t => t.Value is string v && v.Contains(FakeStripeTestPaymentMethods.Visa, StringComparison.Ordinal));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Payment_ReadsThePortalSettingsAndTheInvoicesOnceBeforeItsTransaction(TestDb engine)
    {
        await using var stripe = await FakeStripeFixture.StartAsync();
        var (_, endpoint, trace) = await PayTracedAsync(stripe, engine);
        var mediator = Assert.Single(trace, s => s.DisplayName == "mediator PayInvoicesCommand");
        var statements = SpanRecorder.Statements(trace.Where(s => Ancestors(s, trace).Contains(mediator)), engine);

        // The handler reads the settings and the invoices for its rules; the checkout takes them from it rather than
        // reading them again. The transaction that holds the balances (from its lock, or its replay check on SQLite,
        // whose lock is the write transaction itself) reads the invoices again, as it must.
        var beforeTheHold = statements.TakeWhile(s => !s.Contains("FOR UPDATE", StringComparison.Ordinal) && !s.StartsWith("SELECT EXISTS", StringComparison.Ordinal)).ToList();
        Assert.True(beforeTheHold.Count < statements.Count, string.Join("\n---\n", statements));
        Assert.Single(beforeTheHold, s => s.Contains("FROM \"PortalSettings\"", StringComparison.Ordinal));
        Assert.Single(beforeTheHold, s => s.Contains("FROM \"Invoices\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// A card payment through an API whose traces are recorded in memory; answers the payment's server span and its trace.
    /// The server span ends once the answer is written, just after the client has it. Spans are process-wide, so other
    /// tests' payments running beside this one are recorded too: this payment's trace is the one that called Stripe for
    /// this account.
    /// </summary>
    private static async Task<(PaymentTenant Tenant, Activity Endpoint, List<Activity> Trace)> PayTracedAsync(FakeStripeFixture stripe, TestDb engine)
    {
        var (p, spans) = await SpanRecorder.TracedPaymentTenantAsync(stripe, engine);

        var paid = await p.PayAsync("inv-a1", 20_000, Card(FakeStripeTestPaymentMethods.Visa));
        Assert.Equal("succeeded", paid["status"]!.GetValue<string>());

        var endpoint = await spans.WaitForAsync(s =>
            s.Kind == ActivityKind.Server && s.GetTagItem("http.route") as string == "/v1/portal/payments" && s.GetTagItem("http.request.method") as string == "POST"
            && spans.Ended.Any(c => c.TraceId == s.TraceId && c.DisplayName == "stripe POST /v1/payment_intents" && Equals(c.GetTagItem("stripe.account"), p.AccountId)));
        var trace = spans.Ended.Where(s => s.TraceId == endpoint.TraceId).ToList();
        return (p, endpoint, trace);
    }

    /// <summary>The span's parents within the trace, nearest first.</summary>
    private static List<Activity> Ancestors(Activity span, List<Activity> trace)
    {
        var ancestors = new List<Activity>();
        var current = span;
        while (trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId) is { } parent)
        {
            ancestors.Add(parent);
            current = parent;
        }

        return ancestors;
    }
}

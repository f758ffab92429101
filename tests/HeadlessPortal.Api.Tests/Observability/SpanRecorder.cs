using System.Diagnostics;
using HeadlessPortal.Api.Observability;
using HeadlessPortal.Api.Tests.Payments;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace HeadlessPortal.Api.Tests.Observability;

/// <summary>Keeps every span that ends, in memory; spans end on many threads.</summary>
internal sealed class SpanRecorder : BaseProcessor<Activity>
{
    private readonly Lock _gate = new();
    private readonly List<Activity> _ended = [];

    public List<Activity> Ended
    {
        get
        {
            lock (_gate)
            {
                return [.. _ended];
            }
        }
    }

    public override void OnEnd(Activity data)
    {
        lock (_gate)
        {
            _ended.Add(data);
        }
    }

    /// <summary>The payment test tenant (<see cref="PaymentTenant"/>) on an API whose spans a new recorder keeps.</summary>
    public static async Task<(PaymentTenant Tenant, SpanRecorder Spans)> TracedPaymentTenantAsync(FakeStripeFixture stripe, TestDb engine)
    {
        var spans = new SpanRecorder();
        var factory = stripe.CreateFactory(
            await TestDatabase.CreateAsync(engine),
            new Dictionary<string, string?> { [TelemetryRegistration.CollectSetting] = "true" },
            services: services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans)));
        return (await PaymentTenant.CreateAsync(stripe, factory), spans);
    }

    /// <summary>The first ended span that matches, waiting up to 5 s for it (a server span ends just after its answer is sent).</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Ended.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The span did not arrive within 5 s.");
    }

    /// <summary>The SQL text of the database spans among <paramref name="spans"/>, in the order they started.</summary>
    public static List<string> Statements(IEnumerable<Activity> spans, TestDb engine)
    {
        var database = engine == TestDb.Sqlite ? "sqlite" : "postgresql";
        return spans
            .Where(s => s.Kind == ActivityKind.Client && (s.GetTagItem("db.system.name") ?? s.GetTagItem("db.system")) as string == database)
            .OrderBy(s => s.StartTimeUtc)
            .Select(s => (s.GetTagItem("db.query.text") ?? s.GetTagItem("db.statement")) as string ?? "")
            .ToList();
    }
}

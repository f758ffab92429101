using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Hosting;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.OpenApi;

/// <summary>
/// Real answers of the main endpoints, on the demo company, read the way a strict client generated from the
/// contract reads them: every answer must validate against the schema the contract declares for it.
/// </summary>
public sealed class ResponseContractTests(DemoDataTests.DemoHosts hosts) : IClassFixture<DemoDataTests.DemoHosts>
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task RealAnswers_OfTheMainEndpoints_ValidateAgainstTheContract(TestDb engine)
    {
        var admin = await hosts.AdminClientAsync(engine);
        var factory = await hosts.FactoryAsync(engine);
        var contract = new ContractSchema(await AdminSession.ExpectAsync(await factory.CreateClient().GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK));
        var violations = new List<string>();
        async Task<JsonNode> Check(HttpClient client, HttpMethod method, string path, object? body = null, string? idempotencyKey = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
            var json = JsonNode.Parse(text)!;
            violations.AddRange(contract.Violations(contract.ResponseSchema(method.Method, path, (int)response.StatusCode), json)
                .Select(v => $"{method} {path}: {v}"));
            return json;
        }

        // The office's view, and a payment link for the Kowalskis' partly paid invoice.
        var customers = (await Check(admin, HttpMethod.Get, "/v1/admin/customers?limit=10"))["data"]!.AsArray();
        foreach (var id in customers.Select(c => c!["externalId"]?.GetValue<string>() ?? c["id"]!.GetValue<string>()).Append("cust-1044"))
        {
            await Check(admin, HttpMethod.Get, $"/v1/admin/customers/{id}/portal-access");
        }

        var link = await Check(admin, HttpMethod.Post, "/v1/admin/invoices/inv-INV-24013/payment-links", new { expiresInDays = 7 });

        // What a visitor sees without an account.
        var visitor = factory.CreateClient();
        visitor.DefaultRequestHeaders.Add("X-Portal-Key", "pk_demo_local");
        await Check(visitor, HttpMethod.Get, "/v1/public/portal");
        await Check(visitor, HttpMethod.Get, $"/v1/public/payment-links/{link["token"]}");

        // Pat, signed in: everything a customer reads, and a declined and a paid payment.
        var tokens = await Check(visitor, HttpMethod.Post, "/v1/portal/auth/sign-in", new { email = "pat@example.com", password = "demo-portal-password" });
        var portal = factory.CreateClient();
        portal.DefaultRequestHeaders.Add("X-Portal-Key", "pk_demo_local");
        portal.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
        await Check(portal, HttpMethod.Get, "/v1/portal/me");
        await Check(portal, HttpMethod.Get, "/v1/portal/tasks");
        await Check(portal, HttpMethod.Get, "/v1/portal/bill-to-customers");
        foreach (var tab in new[] { "upcoming", "completed" })
        {
            foreach (var job in (await Check(portal, HttpMethod.Get, $"/v1/portal/jobs?tab={tab}&limit=100"))["data"]!.AsArray())
            {
                await Check(portal, HttpMethod.Get, $"/v1/portal/jobs/{job!["id"]}");
            }
        }

        var invoices = (await Check(portal, HttpMethod.Get, "/v1/portal/invoices?status=all&limit=100"))["data"]!.AsArray();
        foreach (var invoice in invoices)
        {
            await Check(portal, HttpMethod.Get, $"/v1/portal/invoices/{invoice!["id"]}");
        }

        // Estimates: the list and every detail answer (options, recommendation, expiry, related records, document version).
        foreach (var proposal in (await Check(portal, HttpMethod.Get, "/v1/portal/proposals?limit=100"))["data"]!.AsArray())
        {
            await Check(portal, HttpMethod.Get, $"/v1/portal/proposals/{proposal!["id"]}");
        }

        await Check(admin, HttpMethod.Get, "/v1/admin/proposals/prop-P-3105");

        // Booking: the settings and windows the office sees, and what Pat may book and when.
        await Check(admin, HttpMethod.Get, "/v1/admin/booking-settings");
        await Check(admin, HttpMethod.Get, "/v1/admin/capacity-windows?limit=5");
        var options = await Check(portal, HttpMethod.Get, "/v1/portal/booking-options");
        var tuneUp = options["jobTypes"]!.AsArray().First(j => j!["selfSchedulable"]!.GetValue<bool>())!["id"];
        var availability = await Check(portal, HttpMethod.Get, $"/v1/portal/availability?jobTypeId={tuneUp}&locationId={options["locations"]![0]!["id"]}");
        Assert.NotEmpty(availability["windows"]!.AsArray());

        await Check(portal, HttpMethod.Get, "/v1/portal/payment-options");
        var open = invoices.First(i => i!["status"]!.GetValue<string>() == "open")!;
        var allocations = new[] { new { invoiceId = open["id"]!.GetValue<string>(), amount = open["balance"]!["amount"]!.GetValue<long>() } };
        var declined = await Check(portal, HttpMethod.Post, "/v1/portal/payments",
            new { allocations, paymentMethod = new { type = "card", paymentMethodId = FakeStripeTestPaymentMethods.ChargeDeclined } }, Guid.NewGuid().ToString());
        Assert.NotNull(declined["failure"]);
        var paid = await Check(portal, HttpMethod.Post, "/v1/portal/payments",
            new { allocations, paymentMethod = new { type = "card", paymentMethodId = FakeStripeTestPaymentMethods.Visa } }, Guid.NewGuid().ToString());
        Assert.Null(paid["failure"]);
        await Check(portal, HttpMethod.Get, "/v1/portal/payments");
        await Check(portal, HttpMethod.Get, $"/v1/portal/payments/{declined["id"]}");
        await Check(portal, HttpMethod.Get, $"/v1/portal/payments/{paid["id"]}");
        await Check(portal, HttpMethod.Get, "/v1/portal/payment-methods");
        await Check(admin, HttpMethod.Get, "/v1/admin/payments");

        Assert.True(violations.Count == 0, $"{violations.Count} answers break the contract:\n" + string.Join('\n', violations.Distinct().Take(80)));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task EmptyBodies_AreRefusedNamingEveryFieldTheContractRequires(TestDb engine)
    {
        var factory = await hosts.FactoryAsync(engine);
        var contract = new ContractSchema(await AdminSession.ExpectAsync(await factory.CreateClient().GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK));
        var portal = await PatAsync(factory);
        var admin = await hosts.AdminClientAsync(engine);

        var requests = new (HttpClient Client, HttpMethod Method, string Path)[]
        {
            (portal, HttpMethod.Post, "/v1/portal/payments"),
            (portal, HttpMethod.Post, "/v1/portal/payment-methods/setup"),
            (portal, HttpMethod.Post, "/v1/portal/payment-methods"),
            (portal, HttpMethod.Post, "/v1/portal/auth/sign-in"),
            (portal, HttpMethod.Post, "/v1/public/payment-links/pay_NotALinkTheBodyIsCheckedFirst/payments"),
            (admin, HttpMethod.Post, "/v1/admin/publishable-keys"),
            (admin, HttpMethod.Put, "/v1/admin/customers/cust-contract-check"),
        };
        foreach (var (client, method, path) in requests)
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(new { }) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var problem = await (await client.SendAsync(request)).AssertProblemAsync(400, "validation_failed");

            var body = contract.Resolve(contract.Operation(method.Method, path)["requestBody"]!["content"]!["application/json"]!["schema"]!);
            var required = body["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
            Assert.NotEmpty(required);
            Assert.All(required, field => Assert.True(problem.FieldErrors(field).Length > 0, $"{method} {path}: {{}} is refused without naming {field}: {problem.ToJsonString()}"));
        }
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Pay_WhenThePaymentMethodHasAFieldItDoesNotDeclare_Returns400NamingIt(TestDb engine)
    {
        var portal = await PatAsync(await hosts.FactoryAsync(engine));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/portal/payments")
        {
            Content = JsonContent.Create(new
            {
                allocations = new[] { new { invoiceId = Guid.NewGuid(), amount = 100 } },
                paymentMethod = new { type = "card", paymentMethodId = FakeStripeTestPaymentMethods.Visa, cvc = "123" },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var problem = await (await portal.SendAsync(request)).AssertProblemAsync(400, "validation_failed");

        Assert.NotEmpty(problem.FieldErrors("paymentMethod.cvc"));
    }

    private static async Task<HttpClient> PatAsync(ApiFactory factory)
    {
        var portal = factory.CreateClient();
        portal.DefaultRequestHeaders.Add("X-Portal-Key", "pk_demo_local");
        var tokens = await AdminSession.ExpectAsync(
            await portal.PostAsJsonAsync("/v1/portal/auth/sign-in", new { email = "pat@example.com", password = "demo-portal-password" }), HttpStatusCode.OK);
        portal.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
        return portal;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Portal;

/// <summary>
/// PRODUCT.md#billing-access through HTTP: for every portal endpoint that takes an id, another customer's record in the same
/// tenant and any record of another tenant answer 404, and a service-only user gets 404 for billing records while
/// still seeing the rest. A portal route with an id that has no case here fails the first test.
/// </summary>
[Collection(ApiCollection.Portal)]
public sealed class PortalAccessMatrixTests(ApiHosts hosts)
{
    /// <summary>Every portal route with a record id: the synced resource behind it and whether it needs billing access.</summary>
    private static readonly Dictionary<string, (string Resource, bool BillingOnly)> Cases = new()
    {
        ["/v1/portal/invoices/{id}"] = ("invoices", true),
        ["/v1/portal/jobs/{id}"] = ("jobs", false),
        ["/v1/portal/equipment/{id}"] = ("equipment", false),
        ["/v1/portal/agreements/{id}"] = ("agreements", false),
        ["/v1/portal/memberships/{id}"] = ("memberships", false),
        ["/v1/portal/documents/{id}/content"] = ("documents", false),
        ["/v1/portal/proposals/{id}"] = ("proposals", true),
        ["/v1/portal/proposals/{id}/document"] = ("proposals", true),
    };

    /// <summary>
    /// Routes with an id whose records are not synced from the back office (they need a payment provider to exist, or are
    /// made in the portal: booking requests and the appointments they book), and decisions (POST, with a body); each names the tests that check the same four cases.
    /// </summary>
    private static readonly Dictionary<string, string> CoveredByTheirOwnTests = new()
    {
        ["/v1/portal/payments/{id}"] = "Payments.PaymentApiTests",
        ["/v1/portal/payment-methods/{id}"] = "PortalPaymentMethods.SavedPaymentMethodTests",
        ["/v1/portal/payment-methods/{id}/make-primary"] = "PortalPaymentMethods.SavedPaymentMethodTests",
        ["/v1/portal/proposals/{id}/acceptance"] = "PortalProposals.PortalProposalTests",
        ["/v1/portal/proposals/{id}/decline"] = "PortalProposals.PortalProposalTests",
        ["/v1/portal/bookings/{id}"] = "Bookings.BookingTests",
        ["/v1/portal/appointments/{id}/reschedule"] = "Bookings.SelfSchedulingTests",
        ["/v1/portal/appointments/{id}/cancel"] = "Bookings.SelfSchedulingTests",
        ["/v1/portal/jobs/{id}/review"] = "Reviews.ReviewTests",
    };

    [Fact]
    public void EveryPortalRouteWithAnId_HasACaseInTheMatrix()
    {
        var routes = hosts[TestDb.Sqlite].Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1/portal/", StringComparison.Ordinal) == true
                && !e.RoutePattern.RawText.StartsWith("/v1/portal/auth/", StringComparison.Ordinal)
                && e.RoutePattern.Parameters.Count > 0)
            .Select(e => Normalize(e.RoutePattern.RawText!))
            .Distinct()
            .ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.True(Cases.ContainsKey(route) || CoveredByTheirOwnTests.ContainsKey(route), $"{route} takes an id but has no case in the access matrix"));
        Assert.All(Cases.Keys.Concat(CoveredByTheirOwnTests.Keys), route => Assert.Contains(route, routes));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task EveryRouteWithAnId_Answers404ForOtherCustomersAndTenants_AndForBillingRecordsOfServiceOnlyCustomers(TestDb engine)
    {
        var a = await PortalTenant.CreateAsync(hosts[engine]);
        var b = await PortalTenant.CreateAsync(hosts[engine]);
        foreach (var prefix in new[] { "mine", "service", "other" })
        {
            await SeedCustomerAsync(a, prefix);
        }

        await SeedCustomerAsync(b, "mine");
        var email = PortalTenant.UniqueEmail("matrix");
        await a.ContactAsync("con-mine", "mine", email);
        await a.ContactAsync("con-service", "service", email, accessLevel: "serviceOnly");
        await b.ContactAsync("con-mine", "mine", email);
        var portal = a.Portal((await a.InviteAndAcceptAsync("con-mine", email))["accessToken"]!.GetValue<string>());

        foreach (var (route, (resource, billingOnly)) in Cases)
        {
            async Task<HttpStatusCode> Get(PortalTenant tenant, string prefix)
            {
                var id = (await AdminSession.ExpectAsync(await tenant.Admin.Client.GetAsync($"/v1/admin/{resource}/{prefix}-{resource}"), HttpStatusCode.OK))["id"]!.GetValue<string>();
                return (await portal.GetAsync(route.Replace("{id}", id, StringComparison.Ordinal))).StatusCode;
            }

            Assert.True(await Get(a, "mine") == HttpStatusCode.OK, $"{route}: the user's own record");
            Assert.True(await Get(a, "service") == (billingOnly ? HttpStatusCode.NotFound : HttpStatusCode.OK), $"{route}: a service-only customer's record");
            Assert.True(await Get(a, "other") == HttpStatusCode.NotFound, $"{route}: another customer's record in the same tenant");
            Assert.True(await Get(b, "mine") == HttpStatusCode.NotFound, $"{route}: a record of another tenant");
            var missing = await portal.GetAsync(route.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal));
            await missing.AssertProblemAsync(404, "not_found");
        }
    }

    private static string Normalize(string raw)
    {
        // "{id:guid}" and "{id}" are the same route for the matrix.
        var pattern = System.Text.RegularExpressions.Regex.Replace(raw, @"\{(\w+)(:[^}]*)?\}", "{$1}");
        return pattern.TrimEnd('/');
    }

    private static object Money(long amount) => new { amount, currency = "usd" };

    /// <summary>One record of every kind for a customer, external ids "{prefix}-{resource}".</summary>
    private static async Task SeedCustomerAsync(PortalTenant t, string p)
    {
        async Task Put(string resource, object document) =>
            await AdminSession.ExpectAsync(await t.Admin.Client.PutAsJsonAsync($"/v1/admin/{resource}/{p}-{resource}", document), HttpStatusCode.Created);

        await t.CustomerAsync(p, $"Customer {p}");
        await Put("locations", new { customerId = p, name = "Home", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
        await Put("jobs", new { number = $"J-{p}", customerId = p, locationId = $"{p}-locations", summary = "AC not cooling", internalNotes = "internal" });
        var start = DateTimeOffset.UtcNow.AddDays(3);
        await Put("appointments", new { jobId = $"{p}-jobs", start, end = start.AddHours(2), status = "scheduled" });
        var line = new { description = "Diagnostic", quantity = 1, unitPrice = Money(12_500), amount = Money(12_500) };
        await Put("invoices", new
        {
            number = $"INV-{p}", billToCustomerId = p, jobId = $"{p}-jobs", locationId = $"{p}-locations", issueDate = "2026-11-01",
            lines = new[] { line }, subtotal = Money(12_500), tax = Money(0), total = Money(12_500), balance = Money(12_500),
        });
        await Put("proposals", new
        {
            number = $"P-{p}", customerId = p, locationId = $"{p}-locations", jobId = $"{p}-jobs", status = "open",
            options = new[] { new { name = "Repair", lines = new[] { line }, total = Money(12_500) } },
        });
        await Put("equipment", new { locationId = $"{p}-locations", type = "Air conditioner", serial = $"SN-{p}", jobIds = new[] { $"{p}-jobs" }, proposalIds = new[] { $"{p}-proposals" } });
        await Put("agreements", new
        {
            customerId = p, name = "Comfort plan", status = "active", startDate = "2026-01-01", endDate = "2026-12-31",
            visits = new[] { new { name = "Spring tune-up", targetDate = "2026-04-01", status = "completed", jobId = (string?)$"{p}-jobs" } },
            equipmentIds = new[] { $"{p}-equipment" }, invoiceIds = new[] { $"{p}-invoices" },
        });
        await Put("memberships", new { customerId = p, type = "Comfort Club", status = "active", startDate = "2026-01-01", visits = Array.Empty<object>(), equipmentIds = new[] { $"{p}-equipment" }, invoiceIds = new[] { $"{p}-invoices" } });

        var content = new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        await AdminSession.ExpectAsync(
            await t.Admin.Client.PutAsync($"/v1/admin/documents/{p}-documents?jobId={p}-jobs&kind=document&shared=true&fileName=report.pdf", content), HttpStatusCode.Created);
    }
}

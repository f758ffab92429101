using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HeadlessPortal.Browser.Tests;

/// <summary>
/// Swagger UI as QA uses it on a development API: "Authorize" signs pat in through the hosted sign-in page with the
/// authorization code flow and PKCE (Swagger UI is the demo's registered public app), then a portal operation runs
/// with that token.
/// </summary>
public sealed class SwaggerUiTests(WidgetWorld world, ITestOutputHelper output) : IClassFixture<WidgetWorld>
{
    private const string Key = "pk_demo_local";

    [Fact]
    public async Task Authorize_SignsPatInWithPkceOnTheHostedPage_ThenPayInvoicesPaysPatsOpenInvoiceAgainstTheFakeStripe()
    {
        var (invoiceId, balance, portal) = await PatsOpenInvoiceAsync();

        await BrowserSession.RunAsync(world.Chromium, output, nameof(Authorize_SignsPatInWithPkceOnTheHostedPage_ThenPayInvoicesPaysPatsOpenInvoiceAgainstTheFakeStripe), async session =>
        {
            var page = session.Page;
            var tokenRequests = new List<string>();
            page.Request += (_, request) =>
            {
                if (request.Url.EndsWith("/oauth/token", StringComparison.Ordinal))
                {
                    lock (tokenRequests)
                    {
                        tokenRequests.Add(request.PostData ?? string.Empty);
                    }
                }
            };
            await page.GotoAsync(world.Api.Address + "/swagger/index.html");
            await page.GetByRole(AriaRole.Button, new() { Name = "Authorize", Exact = true }).First.ClickAsync();

            var portalKey = page.Locator(".auth-container").Filter(new() { Has = page.Locator("h4", new() { HasTextString = "PortalKey" }) });
            await portalKey.Locator("input").FillAsync(Key);
            await portalKey.GetByRole(AriaRole.Button, new() { Name = "Apply credentials" }).ClickAsync();

            var viaApp = page.Locator(".auth-container").Filter(new() { Has = page.Locator("h4", new() { HasTextString = "PortalUserOAuth2" }) });
            await Assertions.Expect(viaApp.Locator("input[data-name='clientId']")).ToHaveValueAsync("app_demo_swagger_ui");
            var signIn = await page.RunAndWaitForPopupAsync(() => viaApp.Locator("button.authorize").ClickAsync());
            Assert.Contains("code_challenge_method=S256", signIn.Url, StringComparison.Ordinal);
            Assert.StartsWith(world.Api.Address + "/oauth/authorize?", signIn.Url, StringComparison.Ordinal);
            await Assertions.Expect(signIn.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Demo Heating & Air Customer Portal");
            await signIn.GetByLabel("Email").FillAsync("pat@example.com");
            await signIn.GetByLabel("Password").FillAsync("demo-portal-password");
            await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

            // The sign-in window returns to oauth2-redirect.html, hands Swagger UI the code and closes; Swagger UI redeems it.
            await Assertions.Expect(viaApp.GetByRole(AriaRole.Button, new() { Name = "Remove authorization" })).ToBeVisibleAsync();
            var exchange = Assert.Single(tokenRequests);
            Assert.Contains("grant_type=authorization_code", exchange, StringComparison.Ordinal);
            Assert.Contains("code_verifier=", exchange, StringComparison.Ordinal);
            Assert.DoesNotContain("client_secret", exchange, StringComparison.Ordinal);
            await page.Locator(".modal-ux button.close-modal").ClickAsync();

            await page.GetByPlaceholder("Filter by tag").FillAsync("Portal: payments");
            var pay = page.Locator(".opblock-post").Filter(new() { HasTextString = "/v1/portal/payments" });
            await pay.Locator(".opblock-summary").First.ClickAsync();
            await pay.GetByRole(AriaRole.Button, new() { Name = "Try it out" }).ClickAsync();
            await pay.Locator("input[placeholder='Idempotency-Key']").FillAsync(Guid.NewGuid().ToString());
            await pay.Locator("textarea.body-param__text").FillAsync(
                $$$"""{"allocations":[{"invoiceId":"{{{invoiceId}}}","amount":{{{balance}}}}],"paymentMethod":{"type":"card","paymentMethodId":"pm_card_visa"}}""");
            await pay.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();

            var answer = pay.Locator(".live-responses-table tbody .response").First;
            await Assertions.Expect(answer.Locator(".response-col_status")).ToHaveTextAsync("201");
            await Assertions.Expect(answer).ToContainTextAsync("\"succeeded\"");
            Assert.DoesNotContain(session.Console, m => m.StartsWith("error", StringComparison.Ordinal) || m.StartsWith("pageerror", StringComparison.Ordinal));
        });

        var after = await WidgetWorld.ReadAsync(await portal.GetAsync($"v1/portal/invoices/{invoiceId}"));
        Assert.Equal(0, after["balance"]!["amount"]!.GetValue<long>());
    }

    /// <summary>Pat's open invoice and its balance, read by pat's own portal client (a password sign-in over HTTP).</summary>
    private async Task<(string Id, long Balance, HttpClient Portal)> PatsOpenInvoiceAsync()
    {
        var portal = world.Api.Http();
        portal.DefaultRequestHeaders.Add("X-Portal-Key", Key);
        var session = await WidgetWorld.ReadAsync(await portal.PostAsJsonAsync("v1/portal/auth/sign-in", new { email = "pat@example.com", password = "demo-portal-password" }));
        portal.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session["accessToken"]!.GetValue<string>());
        var open = await WidgetWorld.ReadAsync(await portal.GetAsync("v1/portal/invoices?status=open&limit=1"));
        var invoice = open["data"]!.AsArray().First()!;
        return (invoice["id"]!.GetValue<string>(), invoice["balance"]!["amount"]!.GetValue<long>(), portal);
    }
}

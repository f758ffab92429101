using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HeadlessPortal.Browser.Tests;

/// <summary>
/// The website widgets in Chromium, on a company's page of another origin than the API's, loaded as a web designer
/// pastes them (the script with its SRI hash, then the element with the publishable key).
/// </summary>
public sealed class WidgetTests(WidgetWorld world, ITestOutputHelper output) : IClassFixture<WidgetWorld>
{
    [Fact]
    public async Task BookingRequest_OnARegisteredSite_ShowsTheApisValidationMessages_ThenLandsInTheOfficesBookings()
    {
        var name = "Robin Widget " + Guid.NewGuid().ToString("N")[..6];
        var url = world.Site.Page("Book a visit", world.ScriptTag, $"""<portal-booking-request data-key="{world.Key}"></portal-booking-request>""");

        await BrowserSession.RunAsync(world.Chromium, output, nameof(BookingRequest_OnARegisteredSite_ShowsTheApisValidationMessages_ThenLandsInTheOfficesBookings), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(url);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Request a visit from Demo Heating & Air" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Please check the highlighted fields.")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Your name")).ToHaveAttributeAsync("aria-invalid", "true");
            var nameError = page.Locator("[data-field='name'] .error");
            await Assertions.Expect(nameError).ToBeVisibleAsync();
            Assert.False(string.IsNullOrWhiteSpace(await nameError.TextContentAsync()));

            await page.GetByLabel("Your name").FillAsync(name);
            await page.GetByLabel("Email").FillAsync("robin.widget@example.com");
            await page.GetByLabel("Phone").FillAsync("+15555550142");
            await page.GetByLabel("Street address").FillAsync("100 N 5th St");
            await page.GetByLabel("City").FillAsync("Springfield");
            await page.GetByLabel("State").FillAsync("IL");
            await page.GetByLabel("What do you need?").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.GetByLabel("Anything we should know? (optional)").FillAsync("Sent from the website widget.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Thank you, {name}.");
        });

        var bookings = await WidgetWorld.ReadAsync(await world.Office.GetAsync("v1/admin/bookings?limit=100"));
        var booking = Assert.Single(bookings["data"]!.AsArray(), b => b!["requester"]?["name"]?.GetValue<string>() == name)!;
        Assert.Equal("website", booking["source"]!.GetValue<string>());
        Assert.Equal("Sent from the website widget.", booking["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task PayLink_OnARegisteredSite_PaysWithThePaymentElementAgainstTheFakeStripe_ShowsTheReceipt_AndTheBalanceBecomesZero()
    {
        var (invoice, token) = await OpenInvoiceWithLinkAsync();
        var url = world.Site.Page("Pay your invoice", world.ScriptTag, $"""<portal-pay-link data-key="{world.Key}" data-token="{token}"></portal-pay-link>""");

        await BrowserSession.RunAsync(world.Chromium, output, nameof(PayLink_OnARegisteredSite_PaysWithThePaymentElementAgainstTheFakeStripe_ShowsTheReceipt_AndTheBalanceBecomesZero), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(url);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pay Demo Heating & Air" })).ToBeVisibleAsync();
            await page.GetByLabel("Visa ending 4242 (succeeds)").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay \\$") }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Payment received" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was received");
            await Assertions.Expect(page.Locator("dd[data-balance]")).ToHaveAttributeAsync("data-balance", "0");
            Assert.DoesNotContain(session.Console, m => m.StartsWith("error", StringComparison.Ordinal) || m.StartsWith("pageerror", StringComparison.Ordinal));
        });

        var after = await WidgetWorld.ReadAsync(await world.Office.GetAsync($"v1/admin/invoices/{invoice}"));
        Assert.Equal(0, after["balance"]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task PayLink_WithACardThatAsksFor3DSecure_FinishesItThroughStripeJs_ThenShowsTheReceipt()
    {
        var (invoice, token) = await OpenInvoiceWithLinkAsync();
        var url = world.Site.Page("Pay your invoice", world.ScriptTag, $"""<portal-pay-link data-key="{world.Key}" data-token="{token}"></portal-pay-link>""");

        await BrowserSession.RunAsync(world.Chromium, output, nameof(PayLink_WithACardThatAsksFor3DSecure_FinishesItThroughStripeJs_ThenShowsTheReceipt), async session =>
        {
            var page = session.Page;
            var asked = 0;
            page.Dialog += async (_, dialog) =>
            {
                Interlocked.Increment(ref asked);
                await dialog.AcceptAsync();
            };
            await page.GotoAsync(url);
            await page.GetByLabel("Visa ending 3220 (asks for 3-D Secure)").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay \\$") }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Payment received" })).ToBeVisibleAsync();
            Assert.Equal(1, asked);
        });

        var after = await WidgetWorld.ReadAsync(await world.Office.GetAsync($"v1/admin/invoices/{invoice}"));
        Assert.Equal(0, after["balance"]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task PayLink_WithADeclinedCard_SaysSo_AndLetsThePayerTryAnotherCard()
    {
        var (invoice, token) = await OpenInvoiceWithLinkAsync();
        var url = world.Site.Page("Pay your invoice", world.ScriptTag, $"""<portal-pay-link data-key="{world.Key}" data-token="{token}"></portal-pay-link>""");

        await BrowserSession.RunAsync(world.Chromium, output, nameof(PayLink_WithADeclinedCard_SaysSo_AndLetsThePayerTryAnotherCard), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(url);
            var pay = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay \\$") });

            await pay.ClickAsync();
            await Assertions.Expect(page.GetByText("Choose a card.")).ToBeVisibleAsync();

            await page.GetByLabel("Visa ending 0002 (declined)").CheckAsync();
            await pay.ClickAsync();
            await Assertions.Expect(page.Locator("portal-pay-link .alert")).ToContainTextAsync("declined");
            await Assertions.Expect(pay).ToBeEnabledAsync();
            await Assertions.Expect(page.Locator("portal-pay-link")).Not.ToHaveAttributeAsync("data-state", "paid");
        });

        var after = await WidgetWorld.ReadAsync(await world.Office.GetAsync($"v1/admin/invoices/{invoice}"));
        Assert.True(after["balance"]!["amount"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task SignIn_WithAMagicLinkOpenedInAnotherTab_CompletesInThatTab()
    {
        var path = "/account-" + Guid.NewGuid().ToString("N") + ".html";
        var app = await WidgetWorld.ReadAsync(await world.Office.PostAsJsonAsync("v1/admin/oauth-apps", new
        {
            name = "Company website", clientType = "public", redirectUris = new[] { world.Site.Origin + path }, allowedOrigins = new[] { world.Site.Origin },
        }));
        var clientId = app["clientId"]!.GetValue<string>();
        var url = world.Site.Page("Your account", world.ScriptTag,
            $"""<portal-sign-in data-key="{world.Key}" data-client-id="{clientId}"></portal-sign-in>""", path);

        await BrowserSession.RunAsync(world.Chromium, output, nameof(SignIn_WithAMagicLinkOpenedInAnotherTab_CompletesInThatTab), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(url);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in to Demo Heating & Air Customer Portal" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Email me a sign-in link" }).ClickAsync();
            await page.GetByLabel("Email").FillAsync("pat@example.com");
            await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Open it in this browser");

            // The mail program opens the link in a new tab of the same browser: the widget there finds the verifier the
            // first tab kept, redeems the code and shows the customer signed in, with the code gone from the address.
            var mail = await world.Api.WaitForEmailAsync("pat@example.com", t => t.Contains("hp_token=", StringComparison.Ordinal) && t.Contains(clientId, StringComparison.Ordinal));
            var link = System.Text.RegularExpressions.Regex.Match(mail, @"https?://\S*/oauth/authorize\?\S*hp_token=[A-Za-z0-9_\-%]+").Value;
            var tab = await page.Context.NewPageAsync();
            await tab.GotoAsync(link);
            await Assertions.Expect(tab.Locator("portal-sign-in")).ToHaveAttributeAsync("data-state", "signed-in");
            await Assertions.Expect(tab.Locator("portal-sign-in").GetByRole(AriaRole.Status)).ToContainTextAsync("Signed in as ");
            Assert.Equal(url, tab.Url);
            Assert.Equal(0, await tab.EvaluateAsync<int>($"Object.keys(localStorage).filter(k => k.startsWith('portal-sign-in:{clientId}:pending:')).length"));
        });
    }

    [Fact]
    public async Task SignIn_OnARegisteredSite_GoesThroughTheHostedPageWithPkce_AndComesBackSignedIn_TellingThePage()
    {
        // The company's page with the button is the app's redirect URI.
        var path = "/account-" + Guid.NewGuid().ToString("N") + ".html";
        var app = await WidgetWorld.ReadAsync(await world.Office.PostAsJsonAsync("v1/admin/oauth-apps", new
        {
            name = "Company website", clientType = "public", redirectUris = new[] { world.Site.Origin + path }, allowedOrigins = new[] { world.Site.Origin },
        }));
        var clientId = app["clientId"]!.GetValue<string>();
        var url = world.Site.Page("Your account", world.ScriptTag,
            $$"""
            <portal-sign-in data-key="{{world.Key}}" data-client-id="{{clientId}}"></portal-sign-in><p id="page-knows"></p>
            <script>
              document.addEventListener('portal-sign-in', e => {
                document.getElementById('page-knows').textContent = e.detail.signedIn ? 'page: signed in, ' + e.detail.me.email + (e.detail.accessToken ? ', with a token' : '') : 'page: signed out';
              });
            </script>
            """,
            path);

        await BrowserSession.RunAsync(world.Chromium, output, nameof(SignIn_OnARegisteredSite_GoesThroughTheHostedPageWithPkce_AndComesBackSignedIn_TellingThePage), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(url);
            await Assertions.Expect(page.Locator("#page-knows")).ToHaveTextAsync("page: signed out");
            var authorize = page.WaitForRequestAsync(r => r.Url.StartsWith(world.Api.Address + "/oauth/authorize?", StringComparison.Ordinal));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in to Demo Heating & Air Customer Portal" }).ClickAsync();
            var query = System.Web.HttpUtility.ParseQueryString(new Uri((await authorize).Url).Query);
            Assert.Equal("S256", query["code_challenge_method"]);
            Assert.Equal(43, query["code_challenge"]!.Length);
            Assert.Equal(url, query["redirect_uri"]);
            Assert.False(string.IsNullOrEmpty(query["state"]));

            await page.GetByLabel("Email").FillAsync("pat@example.com");
            await page.GetByLabel("Password").FillAsync("demo-portal-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

            await Assertions.Expect(page.Locator("portal-sign-in").GetByRole(AriaRole.Status)).ToContainTextAsync("Signed in as ");
            await Assertions.Expect(page.Locator("portal-sign-in")).ToHaveAttributeAsync("data-state", "signed-in");
            await Assertions.Expect(page.Locator("#page-knows")).ToHaveTextAsync("page: signed in, pat@example.com, with a token");
            Assert.Equal(url, page.Url);

            // A reload stays signed in (the token is kept for this tab); signing out tells the page.
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("portal-sign-in")).ToHaveAttributeAsync("data-state", "signed-in");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Assertions.Expect(page.Locator("#page-knows")).ToHaveTextAsync("page: signed out");
            Assert.DoesNotContain(session.Console, m => m.StartsWith("error", StringComparison.Ordinal) || m.StartsWith("pageerror", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Widgets_OnASiteNotRegisteredOnTheKey_ShowAMessage_AndLeaveTheConsoleQuiet()
    {
        var url = world.UnregisteredSite.Page("Not registered", world.ScriptTag,
            $"""<portal-booking-request data-key="{world.Key}"></portal-booking-request><portal-pay-link data-key="{world.Key}" data-token="pay_anything"></portal-pay-link>""" +
            $"""<portal-sign-in data-key="{world.Key}" data-client-id="app_anything"></portal-sign-in>""");

        await BrowserSession.RunAsync(world.Chromium, output, nameof(Widgets_OnASiteNotRegisteredOnTheKey_ShowAMessage_AndLeaveTheConsoleQuiet), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(url);
            var alerts = page.GetByRole(AriaRole.Alert);
            await Assertions.Expect(alerts).ToHaveCountAsync(3);
            for (var i = 0; i < 3; i++)
            {
                await Assertions.Expect(alerts.Nth(i)).ToContainTextAsync("not available on this website");
            }

            await Assertions.Expect(page.Locator("portal-booking-request")).ToHaveAttributeAsync("data-state", "unavailable");
            await Assertions.Expect(page.Locator("portal-sign-in")).ToHaveAttributeAsync("data-state", "unavailable");
            await Assertions.Expect(page.Locator("portal-sign-in").GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Empty(session.Console);
        });
    }

    [Fact]
    public async Task Widgets_PassAnAxeCoreCheck_WithNoSeriousOrCriticalViolations()
    {
        var (_, token) = await OpenInvoiceWithLinkAsync();
        var url = world.Site.Page("Book and pay", world.ScriptTag,
            $"""<portal-sign-in data-key="{world.Key}" data-client-id="app_any"></portal-sign-in>""" +
            $"""<portal-booking-request data-key="{world.Key}"></portal-booking-request><portal-pay-link data-key="{world.Key}" data-token="{token}"></portal-pay-link>""");

        await BrowserSession.RunAsync(world.Chromium, output, nameof(Widgets_PassAnAxeCoreCheck_WithNoSeriousOrCriticalViolations), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(url);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send request" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Visa ending 4242 (succeeds)")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in to Demo Heating & Air Customer Portal" })).ToBeVisibleAsync();

            // And with the API's messages showing.
            await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Please check the highlighted fields.")).ToBeVisibleAsync();

            await WidgetWorld.AssertAccessibleAsync(page, output);
        });
    }

    /// <summary>The demo page a development API serves: the widgets on a fake company site, under the page's own strict policy.</summary>
    [Fact]
    public async Task DemoPage_InDevelopment_ShowsTheBookingFormAndThePayLink_WithNothingBlockedOrFailing()
    {
        await BrowserSession.RunAsync(world.Chromium, output, nameof(DemoPage_InDevelopment_ShowsTheBookingFormAndThePayLink_WithNothingBlockedOrFailing), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(world.Api.Address + "/widgets/demo.html");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send request" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("portal-pay-link").GetByRole(AriaRole.Alert)).ToContainTextAsync("This payment link is incomplete");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in to Demo Heating & Air Customer Portal" })).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Empty(session.Console);
        });
    }

    /// <summary>One of the demo's open invoices (each test its own) and a new payment link to it.</summary>
    private async Task<(string Invoice, string Token)> OpenInvoiceWithLinkAsync()
    {
        var invoices = await WidgetWorld.ReadAsync(await world.Office.GetAsync("v1/admin/invoices?limit=100"));
        var open = invoices["data"]!.AsArray().Where(i => i!["balance"]!["amount"]!.GetValue<long>() > 0).Select(i => i!["externalId"]!.GetValue<string>()).ToList();
        var invoice = open[Math.Abs(Interlocked.Increment(ref _next)) % open.Count];
        var link = await WidgetWorld.ReadAsync(await world.Office.PostAsJsonAsync($"v1/admin/invoices/{invoice}/payment-links", new { }));
        return (invoice, link["token"]!.GetValue<string>());
    }

    private static int _next = Random.Shared.Next(100);
}

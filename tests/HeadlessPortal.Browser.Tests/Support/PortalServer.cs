using HeadlessPortal.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Browser.Tests.Support;

/// <summary>
/// The API in-process on a real Kestrel port, as a browser reaches it: Development, so it seeds the demo company and pays
/// against the fake Stripe it starts itself (which serves the stand-in Stripe.js), on a throwaway SQLite database.
/// </summary>
public sealed class PortalServer : WebApplicationFactory<Program>
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "hp-browser-tests", Guid.NewGuid().ToString("N"));

    public PortalServer(TestDatabase database)
    {
        Database = database;
        UseKestrel(0);
    }

    public TestDatabase Database { get; }

    /// <summary>Where the API listens, such as http://127.0.0.1:43121 (no trailing slash).</summary>
    public string Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.TrimEnd('/');
        }
    }

    /// <summary>Where the API writes the emails it sends, one .eml file each.</summary>
    public string MailDirectory => Path.Combine(_scratch, "mail");

    /// <summary>Waits (up to 30 seconds) for an email to <paramref name="to"/> whose text satisfies <paramref name="match"/>; answers its text.</summary>
    public async Task<string> WaitForEmailAsync(string to, Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var texts = Directory.Exists(MailDirectory)
                ? Directory.GetFiles(MailDirectory, "*.eml").Select(f => MimeMessage.Parse(File.ReadAllText(f)))
                    .Where(m => string.Equals(m.Address("To"), to, StringComparison.OrdinalIgnoreCase)).Select(m => m.Text ?? string.Empty).ToList()
                : [];
            if (texts.FirstOrDefault(match) is { } text)
            {
                return text;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No matching email to {to} within 30 seconds; {texts.Count} others arrived.");
            await Task.Delay(200);
        }
    }

    /// <summary>A client of the API over HTTP on its real port.</summary>
    public HttpClient Http() => new() { BaseAddress = new Uri(Address + "/") };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string?>(Database.Settings)
        {
            ["DataProtection:KeysDirectory"] = Path.Combine(_scratch, "keys"),
            ["Documents:Directory"] = Path.Combine(_scratch, "documents"),
            ["Email:Delivery"] = "pickup",
            ["Email:PickupDirectory"] = MailDirectory,
            ["Outbox:PollIntervalMs"] = "200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["BackgroundJobs:ServerEnabled"] = "false",
            ["RateLimits:PublicPerIpPerMinute"] = "100000",
            ["RateLimits:PublicPerKeyPerMinute"] = "100000",
            ["RateLimits:PortalAuthPerIpPerMinute"] = "100000",
            ["RateLimits:BookingRequestsPerIpPerHour"] = "100000",
            ["RateLimits:BookingRequestsPerKeyPerHour"] = "100000",
            ["RateLimits:TokenPerIpPerMinute"] = "100000",
            ["RateLimits:TokenPerClientPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }
}

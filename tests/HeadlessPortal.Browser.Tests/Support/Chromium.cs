using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HeadlessPortal.Browser.Tests.Support;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, installed by .ci/run) driven by Playwright: one browser per test class, a fresh
/// context (cookies, storage) per test. Playwright never downloads a browser of its own here.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests drive Debian's Chromium at {ExecutablePath}: install it with `apt-get install chromium fonts-liberation` (.ci/run does).");
        }

        var chromium = new Chromium { _playwright = await Playwright.CreateAsync() };
        chromium.Browser = await chromium._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,

            // Root in a container has no user namespaces for Chromium's sandbox; these pages are our own.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return chromium;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>
/// One test's page in a fresh browser context, with everything the page said in the console. A failing test leaves a
/// full-page screenshot under TestResults/screenshots and names it in its output and failure message.
/// </summary>
public sealed class BrowserSession
{
    private readonly List<string> _console = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            lock (_console)
            {
                _console.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_console)
            {
                _console.Add($"pageerror: {error}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>The page's console messages so far, as "type: text" (errors, warnings, uncaught exceptions as "pageerror").</summary>
    public IReadOnlyList<string> Console
    {
        get
        {
            lock (_console)
            {
                return [.. _console];
            }
        }
    }

    /// <summary>Runs <paramref name="test"/> on a new page; on failure, screenshots it and fails with the path.</summary>
    public static async Task RunAsync(Chromium chromium, ITestOutputHelper output, string name, Func<BrowserSession, Task> test)
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        // Expectations wait as long as actions: a payment through the fake Stripe takes a few seconds on a loaded machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        var session = new BrowserSession(context, await context.NewPageAsync());
        try
        {
            await test(session);
        }
        catch (Exception failure)
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"{name}-{DateTime.UtcNow:HHmmss}.png");
            try
            {
                await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                output.WriteLine($"Screenshot of the failure: {path}");
            }
            catch (PlaywrightException e)
            {
                path = $"(no screenshot: {e.Message})";
            }

            output.WriteLine("Console:\n" + string.Join('\n', session.Console));
            throw new BrowserTestFailure($"{failure.Message}\nScreenshot: {path}\nConsole:\n{string.Join('\n', session.Console)}", failure);
        }
    }
}

/// <summary>A browser test's failure, with its screenshot's path and the page's console.</summary>
public sealed class BrowserTestFailure(string message, Exception inner) : Exception(message, inner);

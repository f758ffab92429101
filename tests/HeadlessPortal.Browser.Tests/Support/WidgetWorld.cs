using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HeadlessPortal.Browser.Tests.Support;

/// <summary>
/// What the widget tests share (one per test class): the API with the demo company, the company's website on a second
/// origin registered on a new publishable key, a third origin registered nowhere, the office's API client, and Chromium.
/// </summary>
public sealed class WidgetWorld : IAsyncLifetime
{
    public PortalServer Api { get; private set; } = null!;

    public CompanySite Site { get; private set; } = null!;

    public CompanySite UnregisteredSite { get; private set; } = null!;

    public Chromium Chromium { get; private set; } = null!;

    /// <summary>The office: the demo's admin API client.</summary>
    public HttpClient Office { get; private set; } = null!;

    /// <summary>A publishable key of the demo company allowing <see cref="Site"/>'s origin only.</summary>
    public string Key { get; private set; } = "";

    /// <summary>The widget script's URL and its Subresource Integrity value, from the manifest.</summary>
    public (string Url, string Integrity) Script { get; private set; }

    public async Task InitializeAsync()
    {
        var launching = Chromium.LaunchAsync();
        Api = new PortalServer(await TestDatabase.CreateAsync(TestDb.Sqlite));
        Site = await CompanySite.StartAsync();
        UnregisteredSite = await CompanySite.StartAsync();

        var http = Api.Http();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "demo-admin", ["client_secret"] = "demo-admin-secret",
        });
        var token = (await ReadAsync(await http.PostAsync("oauth/token", form)))["access_token"]!.GetValue<string>();
        Office = Api.Http();
        Office.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var key = await ReadAsync(await Office.PostAsJsonAsync("v1/admin/publishable-keys", new { name = "Company website", allowedOrigins = new[] { Site.Origin } }));
        Key = key["key"]!.GetValue<string>();

        var manifest = await ReadAsync(await http.GetAsync("widgets/v1/manifest.json"));
        var file = manifest["files"]!["portal-widgets.js"]!;
        Script = (Api.Address + file["path"]!.GetValue<string>(), file["integrity"]!.GetValue<string>());
        Chromium = await launching;
    }

    /// <summary>The two tags a web designer pastes: the script (with its SRI hash) goes in the head.</summary>
    public string ScriptTag => $"""<script src="{Script.Url}" integrity="{Script.Integrity}" crossorigin="anonymous" defer></script>""";

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The folder holding HeadlessPortal.sln, above the test's directory.</summary>
    public static string RepositoryRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "HeadlessPortal.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root (HeadlessPortal.sln) was not found above the test's directory.");
        }

        return root;
    }

    /// <summary>axe-core's browser build, from tools/axe (npm ci there the first time).</summary>
    public static async Task<string> AxeScriptAsync()
    {
        var tool = Path.Combine(RepositoryRoot(), "tools", "axe");
        var script = Path.Combine(tool, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(script))
        {
            var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = tool, RedirectStandardOutput = true, RedirectStandardError = true };
            using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start (install Node.js and npm).");
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(npm.ExitCode == 0, $"npm ci in tools/axe failed ({npm.ExitCode}):\n{await output}\n{await errors}");
        }

        return script;
    }

    /// <summary>
    /// Runs axe-core's WCAG 2.1 A/AA and best-practice rules on the page and fails on a serious or critical violation;
    /// the label and color-contrast rules must have run and passed. axe-core is evaluated through the browser's debugging
    /// protocol, which a page's own script policy does not block.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page, ITestOutputHelper output)
    {
        await page.EvaluateAsync(await File.ReadAllTextAsync(await AxeScriptAsync()));
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }); " +
            "return { passes: r.passes.map(p => p.id), violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) })) }; }");
        var report = JsonNode.Parse(result.GetRawText())!;
        var passes = report["passes"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains("label", passes);
        Assert.Contains("color-contrast", passes);
        var violations = report["violations"]!.AsArray();
        output.WriteLine(violations.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var serious = violations.Where(v => v!["impact"]?.GetValue<string>() is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, "axe-core found serious or critical violations:\n" + string.Join('\n', serious.Select(v => v!.ToJsonString())));
    }

    public async Task DisposeAsync()
    {
        Office?.Dispose();
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        await Site.DisposeAsync();
        await UnregisteredSite.DisposeAsync();
        await Api.DisposeAsync();
        await Api.Database.DisposeAsync();
    }
}

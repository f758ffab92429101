using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace HeadlessPortal.Api.Tests.OpenApi;

/// <summary>
/// Runs Spectral with the OWASP API Security ruleset (tools/contract-lint) on the committed openapi/v1.json and fails
/// on any error, listing rule, location and message. Needs Node.js and npm; installs the pinned packages with npm ci
/// the first time.
/// </summary>
public sealed class ContractLintTests
{
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan LintTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Contract_WhenLintedWithSpectralAndOwasp_HasNoErrors()
    {
        var root = RepositoryRoot();
        var tool = Path.Combine(root, "tools", "contract-lint");
        var spectral = Path.Combine(tool, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js");
        if (!File.Exists(spectral))
        {
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], tool, NpmTimeout);
            Assert.True(install.ExitCode == 0, $"npm ci in tools/contract-lint failed ({install.ExitCode}):\n{install.Output}");
        }

        var lint = await RunAsync("node", [spectral, "lint", Path.Combine(root, "openapi", "v1.json"), "--ruleset", Path.Combine(tool, ".spectral.yaml"),
            "--format", "json", "--quiet", "--fail-severity", "error"], tool, LintTimeout);
        var start = lint.Output.IndexOf('[', StringComparison.Ordinal);
        Assert.True(start >= 0, $"Spectral answered no JSON (exit {lint.ExitCode}):\n{lint.Output}");
        var findings = JsonNode.Parse(lint.Output[start..])!.AsArray();

        var errors = findings.Where(f => f!["severity"]!.GetValue<int>() == 0)
            .Select(f => $"{f!["code"]}  #/{string.Join('/', f["path"]!.AsArray().Select(p => p!.ToString().Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)))}  {f["message"]}")
            .ToList();
        Assert.True(errors.Count == 0,
            $"Spectral reports {errors.Count} error(s) in openapi/v1.json (rule  location  message); run `npm run lint` in tools/contract-lint to see them with warnings:\n" +
            string.Join('\n', errors.Take(200)) + (errors.Count > 200 ? $"\n... and {errors.Count - 200} more" : string.Empty));
        Assert.Equal(0, lint.ExitCode);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, IReadOnlyList<string> arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"The contract lint needs Node.js 18.18 or later with npm on the PATH ('{command}' could not be started: {e.Message}). " +
                "Install them (e.g. apt-get install nodejs npm) and run the tests again.");
            throw;
        }

        using (process)
        {
            var output = new StringBuilder();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{command} {string.Join(' ', arguments)} did not finish within {timeout.TotalMinutes} minutes.");
            }

            output.Append(await stdout).Append(await stderr);
            return (process.ExitCode, output.ToString());
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HeadlessPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HeadlessPortal.sln not found above the test directory.");
    }
}

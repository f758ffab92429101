using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>
/// The API as a separate operating-system process (the built HeadlessPortal.Api.dll on 127.0.0.1), for tests that must
/// kill it and start it again, or that watch how it starts or refuses to.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ApiProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>What the process has written to standard output so far, line by line.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var process = Process.Start(StartInfo(settings, "Testing", baseUrl))!;

        // Read its output so a full pipe never blocks it.
        var api = new ApiProcess(process, baseUrl);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                api._output.Enqueue(line.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = new Uri(baseUrl) };
        for (var i = 0; i < 240; i++)
        {
            Assert.False(process.HasExited, $"the API process exited with {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                if ((await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        await api.DisposeAsync();
        throw new TimeoutException("The API process did not become ready within 60 s.");
    }

    /// <summary>Runs the API in <paramref name="environment"/> until it exits by itself (a start it refuses), and answers how it ended.</summary>
    public static async Task<Exited> RunUntilExitAsync(IReadOnlyDictionary<string, string?> settings, string environment)
    {
        using var process = Process.Start(StartInfo(settings, environment, $"http://127.0.0.1:{FreePort()}"))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The API process was expected to refuse to start, but it kept running for 60 s.");
        }

        return new Exited(process.ExitCode, await output, await error);
    }

    /// <summary>How a process that ran to its end ended.</summary>
    public sealed record Exited(int ExitCode, string Output, string Error);

    /// <summary>A client of this process with a portal key and, optionally, a portal access token.</summary>
    public HttpClient Portal(string key, string? accessToken = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Portal-Key", key);
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would: nothing of it runs any more.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> settings, string environment, string baseUrl)
    {
        var dll = ApiDll();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/Api's build output of this configuration: tests/X/bin/{Configuration}/net10.0 → src/Api/bin/{Configuration}/net10.0.</summary>
    private static string ApiDll()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = bin.Name;
        var configuration = bin.Parent!.Name;
        var root = bin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "HeadlessPortal.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var dll = Path.Combine(root!.FullName, "src", "Api", "bin", configuration, framework, "HeadlessPortal.Api.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        return dll;
    }
}

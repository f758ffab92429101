using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>
/// The API as a separate operating-system process (the built HeadlessPortal.Api.dll on 127.0.0.1), for tests that must
/// kill it and start it again.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var dll = ApiDll();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        var process = Process.Start(start)!;

        // Read its output so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiProcess(process, baseUrl);
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

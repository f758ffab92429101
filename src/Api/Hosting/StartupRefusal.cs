using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Hosting;

/// <summary>
/// A start refused for its configuration (a setting missing, weak or not allowed in this environment) ends the process
/// with exit code 1 and one line on standard error that names the setting, instead of an unhandled exception, a
/// logged stack trace and exit code 134.
/// </summary>
internal static class StartupRefusal
{
    public const int ExitCode = 1;

    /// <summary>
    /// Whether this process was started as the API. A test host runs the entry point itself and is given the
    /// exception, as it would be by any host it builds.
    /// </summary>
    public static bool IsOwnProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupRefusal).Assembly;

    /// <summary>
    /// Runs the settings checks the host runs when it starts, before it starts: the host would log a failed check
    /// with its stack trace before rethrowing it.
    /// </summary>
    public static void CheckSettings(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    /// <summary>The refusal's message on one line, or null when the exception is not a refused configuration.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => OneLine(string.Join(" ", invalid.Failures)),
        AggregateException { InnerExceptions.Count: > 0 } aggregate when aggregate.InnerExceptions.All(e => Describe(e) is not null) =>
            string.Join(" ", aggregate.InnerExceptions.Select(Describe)),
        _ => null,
    };

    public static void Report(string reason) => Console.Error.WriteLine($"The API did not start: {reason}");

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

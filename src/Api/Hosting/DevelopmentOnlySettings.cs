using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Hosting;

/// <summary>
/// Settings that only make sense on a developer's machine: the demo company with its published credentials, and fake
/// servers that stand in for real providers. Outside Development the host refuses to start with any of them on, so a
/// copied settings file or a stray environment variable cannot open a production API with known keys or fake payments.
/// </summary>
/// <remarks>
/// A check of the settings the host runs when it starts, like every other settings rule, so a refusal is one
/// message (<see cref="StartupRefusal"/>) whether the API runs as a process or in a test host.
/// </remarks>
internal sealed class DevelopmentOnlySettings(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<DemoOptions>
{
    public static readonly IReadOnlyList<string> Keys = [DemoOptions.SeedKey, FakeStripeHosting.UseFakeServerKey, FakeTwilioHosting.UseFakeServerKey];

    public ValidateOptionsResult Validate(string? name, DemoOptions options) =>
        Problem(configuration, environment) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>Names the settings and the environment when one is on outside Development.</summary>
    public static string? Problem(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            return null;
        }

        var on = Keys.Where(key => configuration.GetValue<bool>(key)).ToList();
        return on.Count == 0
            ? null
            : $"{string.Join(" and ", on)} {(on.Count == 1 ? "is" : "are")} true, but the demo data and fake servers are for the Development environment only, " +
              $"and this host runs in {environment.EnvironmentName}. Set {string.Join(" and ", on)} to false (or remove {(on.Count == 1 ? "it" : "them")}) " +
              "outside Development, or run with ASPNETCORE_ENVIRONMENT=Development.";
    }
}

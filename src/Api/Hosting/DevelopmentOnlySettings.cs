namespace HeadlessPortal.Api.Hosting;

/// <summary>
/// Settings that only make sense on a developer's machine: the demo company with its published credentials, and fake
/// servers that stand in for real providers. Outside Development the host refuses to start with any of them on, so a
/// copied settings file or a stray environment variable cannot open a production API with known keys or fake payments.
/// </summary>
internal static class DevelopmentOnlySettings
{
    public static readonly IReadOnlyList<string> Keys = [DemoOptions.SeedKey, FakeStripeHosting.UseFakeServerKey];

    /// <summary>Throws, naming the settings and the environment, when one is on outside Development.</summary>
    public static void EnsureAllowed(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            return;
        }

        var on = Keys.Where(key => configuration.GetValue<bool>(key)).ToList();
        if (on.Count > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(" and ", on)} {(on.Count == 1 ? "is" : "are")} true, but the demo data and fake servers are for the Development environment only, " +
                $"and this host runs in {environment.EnvironmentName}. Set {string.Join(" and ", on)} to false (or remove {(on.Count == 1 ? "it" : "them")}) " +
                "outside Development, or run with ASPNETCORE_ENVIRONMENT=Development.");
        }
    }
}

using HeadlessPortal.Infrastructure;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

/// <summary>The infrastructure layer wired exactly as the API wires it, pointed at one test database.</summary>
internal static class InfrastructureHost
{
    public static ServiceProvider Build(TestDatabase database, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>(database.Settings);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(configuration, AppContext.BaseDirectory);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static async Task<ServiceProvider> BuildMigratedAsync(TestDatabase database, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? configure = null)
    {
        var provider = Build(database, extra, configure);
        await DatabaseMigrator.MigrateAsync(provider);
        return provider;
    }
}

/// <summary>A test class on its own migrated SQLite database, with the infrastructure wired as the API wires it.</summary>
public abstract class MigratedSqliteTests : IAsyncLifetime
{
    protected TestDatabase Sqlite { get; private set; } = null!;

    protected ServiceProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sqlite = await TestDatabase.CreateAsync(TestDb.Sqlite);
        Provider = await InfrastructureHost.BuildMigratedAsync(Sqlite);
    }

    public async Task DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Sqlite.DisposeAsync();
    }
}

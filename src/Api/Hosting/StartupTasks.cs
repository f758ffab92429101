using HeadlessPortal.Demo;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HeadlessPortal.Api.Hosting;

/// <summary>Configuration section "Demo".</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>The setting that turns seeding on; outside Development the host refuses to start with it.</summary>
    public const string SeedKey = "Demo:Seed";

    /// <summary>Seeds the demo tenant into an empty database (true in Development, the only environment that may seed).</summary>
    public bool Seed { get; set; }
}

/// <summary>
/// Runs before the server accepts requests: applies migrations when configured, seeds demo data into an
/// empty database (Development only), and, once listening, registers the demo's front-end apps (Swagger UI, the widgets'
/// demo page) on the addresses listened on and says where Swagger UI is.
/// </summary>
internal sealed partial class StartupTasks(
    IServiceProvider services,
    DatabaseOptions database,
    Microsoft.Extensions.Options.IOptions<DemoOptions> demo,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<StartupTasks> logger) : IHostedLifecycleService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.MigrateOnStartup)
        {
            await DatabaseMigrator.MigrateAsync(services, cancellationToken);
        }

        if (demo.Value.Seed && environment.IsDevelopment())
        {
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
            if (result.Created)
            {
                LogSeeded(result.TenantName!, result.HostName!, result.TenantId!.Value, result.SyncedRecords, DemoCredentials.SharedContactEmail);
            }
        }

        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                LogListening(address, address.TrimEnd('/') + "/swagger");
            }
        });
    }

    /// <summary>
    /// Once the server listens (its addresses are known, the port too when it was chosen at start), and before the host
    /// reports it started: the demo apps' redirect URIs on those addresses.
    /// </summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (demo.Value.Seed && environment.IsDevelopment() && server.Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } addresses)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RegisterDemoAppsAsync(addresses, cancellationToken);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: created tenant \"{TenantName}\" with host name {HostName} (id {TenantId}) and {SyncedRecords} back-office records " +
        "(50 customers with locations, portal contacts, jobs in every tab, invoices, proposals, equipment, agreements, memberships; {SharedEmail} is a contact on three customers). " +
        "Platform key: X-Platform-Key dev-platform-key. Admin client: demo-admin / demo-admin-secret (POST /oauth/token). Publishable key: pk_demo_local (origin http://localhost:3000).")]
    private partial void LogSeeded(string tenantName, string hostName, Guid tenantId, int syncedRecords, string sharedEmail);

    [LoggerMessage(Level = LogLevel.Information, Message = "HeadlessPortal API listening on {Address}; Swagger UI at {SwaggerUrl}")]
    private partial void LogListening(string address, string swaggerUrl);
}

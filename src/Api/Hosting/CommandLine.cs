using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.OpenApi;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace HeadlessPortal.Api.Hosting;

/// <summary>
/// Commands run instead of serving requests:
/// <c>migrate</c> applies pending migrations and exits;
/// <c>openapi [path]</c> writes the OpenAPI document (default: openapi/v1.json at the repository root);
/// <c>reset-demo</c> deletes the demo's database and files, then serves as usual (see <see cref="DemoReset"/>).
/// </summary>
internal static class CommandLine
{
    public const string Migrate = "migrate";
    public const string OpenApi = "openapi";

    /// <summary>Prepares the builder for a command; exporting the contract needs no database and no listening socket.</summary>
    public static void Configure(WebApplicationBuilder builder, string[] args)
    {
        if (args.FirstOrDefault() == DemoReset.Command)
        {
            var deleted = DemoReset.Run(builder.Configuration, builder.Environment);
            Console.WriteLine(deleted.Count == 0
                ? "Nothing to delete: the demo starts from fresh data."
                : $"Deleted {string.Join(", ", deleted)}: the demo starts from fresh data.");
            return;
        }

        if (args.FirstOrDefault() != OpenApi)
        {
            return;
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseProviders.Sqlite,
            ["Database:MigrateOnStartup"] = "false",
            [$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = "Data Source=:memory:",
            ["Demo:Seed"] = "false",

            // Nothing is delivered or scheduled while the contract is exported, and no mail server is needed.
            ["Outbox:Enabled"] = "false",
            ["Webhooks:Enabled"] = "false",
            ["Maintenance:Enabled"] = "false",
            ["BackgroundJobs:ServerEnabled"] = "false",
            ["Imports:WorkerEnabled"] = "false",
            ["Email:Delivery"] = "pickup",
            ["Stripe:UseFakeServer"] = "false",
            ["Twilio:UseFakeServer"] = "false",
            ["Platform:ApiKey"] = builder.Configuration["Platform:ApiKey"] is { Length: > 0 } key ? key : "openapi-export-only-key",
            ["Auth:Issuer"] = builder.Configuration["Auth:Issuer"] is { Length: > 0 } issuer ? issuer : "http://localhost",
        });
        builder.WebHost.UseServer(new NoServer());
    }

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case Migrate:
                var applied = await DatabaseMigrator.MigrateAsync(app.Services);
                Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
                return true;
            case OpenApi:
                var path = Path.GetFullPath(args.Length > 1 ? args[1] : Path.Combine(app.Environment.ContentRootPath, "..", "..", "openapi", "v1.json"));
                // Starting the host wires the mapped endpoints into the API explorer; NoServer listens nowhere.
                await app.StartAsync();
                var document = await RenderOpenApiAsync(app.Services);
                await app.StopAsync();
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, document);
                Console.WriteLine($"Wrote {path}");
                return true;
            default:
                return false;
        }
    }

    private static async Task<string> RenderOpenApiAsync(IServiceProvider services)
    {
        var document = services.GetRequiredService<ISwaggerProvider>().GetSwagger(SwaggerSetup.DocumentName);
        var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0);
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return JsonNode.Parse(json)!.ToJsonString(options) + "\n";
    }

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.OpenApi;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace HeadlessPortal.Api.Hosting;

/// <summary>
/// Commands run instead of the server:
/// <c>migrate</c> applies pending migrations and exits;
/// <c>openapi [path]</c> writes the OpenAPI document (default openapi/v1.json under the repository root).
/// </summary>
internal static class CommandLine
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "migrate":
                var applied = await DatabaseMigrator.MigrateAsync(app.Services);
                Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
                return true;
            case "openapi":
                var path = Path.GetFullPath(args.Length > 1 ? args[1] : Path.Combine(app.Environment.ContentRootPath, "..", "..", "openapi", "v1.json"));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, await RenderOpenApiAsync(app.Services));
                Console.WriteLine($"Wrote {path}");
                return true;
            default:
                return false;
        }
    }

    /// <summary>The document exactly as /swagger/v1/swagger.json serves it, indented, with a final newline.</summary>
    public static async Task<string> RenderOpenApiAsync(IServiceProvider services)
    {
        var document = services.GetRequiredService<ISwaggerProvider>().GetSwagger(SwaggerSetup.DocumentName);
        var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0);
        return JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}

using HeadlessPortal.Application.Documents;
using HeadlessPortal.Application.Imports;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

namespace HeadlessPortal.Api.Hosting;

/// <summary>
/// <c>reset-demo</c>: deletes the embedded SQLite database and the files the demo wrote (emails, documents, imports)
/// before the API starts, so it starts again from fresh demo data. Development and SQLite only, and only what lies
/// under the content root, so a configured path elsewhere is never touched.
/// </summary>
internal static class DemoReset
{
    public const string Command = "reset-demo";

    /// <summary>Returns what was deleted, relative to the content root; throws when the reset is not allowed here.</summary>
    public static IReadOnlyList<string> Run(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{Command} starts the demo over and works in the Development environment only; this host runs in {environment.EnvironmentName}.");
        }

        var provider = configuration[$"{DatabaseOptions.SectionName}:Provider"] ?? DatabaseProviders.Sqlite;
        if (!string.Equals(provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{Command} deletes the embedded SQLite database; this host uses {provider}. Drop that database yourself instead.");
        }

        var root = Path.GetFullPath(environment.ContentRootPath);
        var database = DatabaseFile(configuration, root);
        var deleted = new List<string>();
        if (database is not null)
        {
            var hangfire = Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + ".hangfire.db");
            foreach (var file in new[] { database, hangfire }.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
            {
                if (IsUnder(root, file) && File.Exists(file))
                {
                    File.Delete(file);
                    deleted.Add(Path.GetRelativePath(root, file));
                }
            }
        }

        var directories = new[]
        {
            configuration["Email:PickupDirectory"] ?? "data/mail",
            configuration[$"{DocumentOptions.SectionName}:Directory"] ?? "data/files",
            configuration[$"{ImportOptions.SectionName}:Directory"] ?? "data/imports",
        };
        foreach (var directory in directories.Select(d => Path.GetFullPath(Path.Combine(root, d))))
        {
            if (IsUnder(root, directory) && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
                deleted.Add(Path.GetRelativePath(root, directory) + "/");
            }
        }

        return deleted;
    }

    private static string? DatabaseFile(IConfiguration configuration, string root)
    {
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        var path = string.IsNullOrWhiteSpace(connectionString)
            ? configuration[$"{DatabaseOptions.SectionName}:SqlitePath"] ?? new DatabaseOptions().SqlitePath
            : new SqliteConnectionStringBuilder(connectionString).DataSource;
        return path is "" or ":memory:" ? null : Path.GetFullPath(Path.Combine(root, path));
    }

    private static bool IsUnder(string root, string path) =>
        path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}

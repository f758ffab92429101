using HeadlessPortal.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace HeadlessPortal.Api.Tests.Hosting;

public sealed class DemoResetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("demo-reset-").FullName;

    [Fact]
    public void Run_InDevelopment_DeletesTheDatabaseItsJobStorageAndTheDemoFilesUnderTheContentRoot()
    {
        var kept = Touch("data/keep-me.txt");
        foreach (var file in new[] { "data/portal.db", "data/portal.db-wal", "data/portal.hangfire.db", "data/mail/a.eml", "data/files/ab/cd", "data/imports/1.ndjson" })
        {
            Touch(file);
        }

        var deleted = DemoReset.Run(Configuration(), Environment("Development"));

        Assert.False(File.Exists(Path.Combine(_root, "data/portal.db")));
        Assert.False(File.Exists(Path.Combine(_root, "data/portal.db-wal")));
        Assert.False(File.Exists(Path.Combine(_root, "data/portal.hangfire.db")));
        Assert.False(Directory.Exists(Path.Combine(_root, "data/mail")));
        Assert.False(Directory.Exists(Path.Combine(_root, "data/files")));
        Assert.False(Directory.Exists(Path.Combine(_root, "data/imports")));
        Assert.True(File.Exists(kept));
        Assert.Contains(Path.Combine("data", "portal.db"), deleted);
        Assert.Contains(Path.Combine("data", "mail") + "/", deleted);
    }

    [Fact]
    public void Run_WithPathsOutsideTheContentRoot_LeavesThemAlone()
    {
        var outside = Directory.CreateTempSubdirectory("demo-reset-outside-").FullName;
        try
        {
            var database = Path.Combine(outside, "portal.db");
            File.WriteAllText(database, "x");
            Directory.CreateDirectory(Path.Combine(outside, "mail"));

            var deleted = DemoReset.Run(
                Configuration(("Database:SqlitePath", database), ("Email:PickupDirectory", Path.Combine(outside, "mail"))),
                Environment("Development"));

            Assert.Empty(deleted);
            Assert.True(File.Exists(database));
            Assert.True(Directory.Exists(Path.Combine(outside, "mail")));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Theory]
    [InlineData("Production", "sqlite", "Development")]
    [InlineData("Development", "postgres", "postgres")]
    public void Run_OutsideDevelopmentOrOnPostgreSql_RefusesAndDeletesNothing(string environment, string provider, string named)
    {
        var database = Touch("data/portal.db");

        var refusal = Assert.Throws<InvalidOperationException>(() =>
            DemoReset.Run(Configuration(("Database:Provider", provider)), Environment(environment)));

        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(database));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Touch(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        return path;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

    private TestEnvironment Environment(string name) => new() { EnvironmentName = name, ContentRootPath = _root };

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";
        public string ApplicationName { get; set; } = "HeadlessPortal.Api";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

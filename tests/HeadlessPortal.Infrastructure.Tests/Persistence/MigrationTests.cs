using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

public sealed class MigrationTests
{
    /// <summary>
    /// The hand-written migrations must build exactly the schema the EF model describes: a database built by
    /// applying every migration is compared, catalog line by catalog line, with one EF creates from the model.
    /// </summary>
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Migrations_WhenAppliedToAnEmptyDatabase_ProduceTheSchemaOfTheModel(TestDb engine)
    {
        await using var migrated = await TestDatabase.CreateAsync(engine);
        await using var fromModel = await TestDatabase.CreateAsync(engine);

        await using (var provider = await InfrastructureHost.BuildMigratedAsync(migrated))
        {
        }

        await using (var provider = InfrastructureHost.Build(fromModel))
        await using (var scope = provider.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreatedAsync());
        }

        var expected = await SchemaSnapshot.ReadAsync(fromModel);
        var actual = await SchemaSnapshot.ReadAsync(migrated);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Migrate_WhenRunTwice_AppliesEverythingOnceThenNothing(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var provider = InfrastructureHost.Build(database);

        var first = await DatabaseMigrator.MigrateAsync(provider);
        var second = await DatabaseMigrator.MigrateAsync(provider);

        await using var scope = provider.CreateAsyncScope();
        var all = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetMigrations();
        Assert.Equal(all, first);
        Assert.Empty(second);
    }
}

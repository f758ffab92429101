using HeadlessPortal.Application;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

public sealed class SyncResourceOrderTests
{
    [Fact]
    public async Task ApplyStage_OfEveryResource_ComesAfterTheStagesOfTheRecordsItsForeignKeysPointAt()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication();
        services.AddInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build(), AppContext.BaseDirectory);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        var resources = scope.ServiceProvider.GetServices<ISyncResource>().ToList();
        var stageOfEntity = resources.ToDictionary(EntityOf, r => r.ApplyStage);

        foreach (var resource in resources)
        {
            var entity = model.FindEntityType(EntityOf(resource))!;
            foreach (var principal in entity.GetForeignKeys().Select(fk => fk.PrincipalEntityType.ClrType).Where(stageOfEntity.ContainsKey))
            {
                Assert.True(stageOfEntity[principal] < resource.ApplyStage, $"{resource.ImportType} (stage {resource.ApplyStage}) refers to {principal.Name} (stage {stageOfEntity[principal]})");
            }
        }
    }

    private static Type EntityOf(ISyncResource resource)
    {
        var type = resource.GetType();
        while (type.BaseType is { } baseType && !(baseType.IsGenericType && baseType.GetGenericTypeDefinition() == typeof(SyncResource<,,>)))
        {
            type = baseType;
        }

        return type.BaseType!.GetGenericArguments()[0];
    }
}

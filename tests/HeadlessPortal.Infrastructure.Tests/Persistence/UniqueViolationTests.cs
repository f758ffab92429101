using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

public sealed class UniqueViolationTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SaveChanges_WhenHostNameAlreadyStored_ThrowsViolationNamingTheProperty(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database);
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Tenants.Add(Tenant.Create("First", "first", HostName.FromTrusted("shared-name"), null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await using var second = provider.CreateAsyncScope();
        var secondDb = second.ServiceProvider.GetRequiredService<AppDbContext>();
        secondDb.Tenants.Add(Tenant.Create("Second", "second", HostName.FromTrusted("shared-name"), null, DateTimeOffset.UtcNow));

        var violation = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => secondDb.SaveChangesAsync());
        Assert.True(violation.Covers<Tenant>(nameof(Tenant.HostName)));
        Assert.False(violation.Covers<Tenant>(nameof(Tenant.Slug)));
    }
}

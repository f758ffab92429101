using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.Infrastructure.Services;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

public sealed class BulkInsertTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, 123, TimeSpan.Zero);

    private static async Task<Tenant> TenantAsync(ServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenant = Tenant.Create("Bulk", "bulk-" + Guid.NewGuid().ToString("N")[..6], HostName.FromTrusted("bulk-" + Guid.NewGuid().ToString("N")[..8]), null, Now);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant;
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SaveNewRecordsInBulk_StoresEveryColumnAsSaveChangesWould_ParentsFirst(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database);
        var tenant = await TenantAsync(provider);
        var address = new Address("1 Main St", "Apt 2", "Springfield", "IL", "62701", "US");

        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(tenant.Id);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var customer = Customer.Create(tenant.Id, "c1", CustomerKind.Commercial, "Acme", ["a@acme.example"], [new CustomerPhone("+15555550123", "office", true)], address, Now);

            // The location is added first: the insert must still put its customer in before it.
            db.Add(Location.Create(tenant.Id, "l1", new Ref(customer.Id, "c1"), "HQ", address, Now));
            db.Add(customer);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ((IAppDbContext)db).SaveNewRecordsInBulkAsync([], CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var check = provider.CreateAsyncScope();
        check.ServiceProvider.GetRequiredService<CurrentTenant>().Set(tenant.Id);
        var read = check.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await read.Set<Customer>().SingleAsync(c => c.ExternalId == "c1");
        Assert.Equal(CustomerKind.Commercial, stored.Kind);
        Assert.Equal(["a@acme.example"], stored.Emails);
        Assert.Equal(new CustomerPhone("+15555550123", "office", true), Assert.Single(stored.Phones));
        Assert.Equal(address, stored.BillingAddress);
        Assert.Equal(Now, stored.UpdatedAt);
        Assert.Equal(Now, stored.CreatedAt);
        var location = await read.Set<Location>().SingleAsync();
        Assert.Equal(stored.Id, location.CustomerId);
        Assert.Equal(1, await read.Set<Customer>().CountAsync(c => c.UpdatedAt >= Now));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SaveNewRecordsInBulk_WhenARowViolatesAUniqueIndex_KeepsNothingAndLeavesTheTransactionUsable(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database);
        var tenant = await TenantAsync(provider);

        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Add(Customer.Create(tenant.Id, "same", CustomerKind.Residential, "One", [], [], null, Now));
        db.Add(Customer.Create(tenant.Id, "other", CustomerKind.Residential, "Two", [], [], null, Now));
        db.Add(Customer.Create(tenant.Id, "same", CustomerKind.Residential, "Three", [], [], null, Now));

        var violation = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => ((IAppDbContext)db).SaveNewRecordsInBulkAsync([], CancellationToken.None));

        Assert.True(violation.Covers<Customer>(nameof(Customer.ExternalId)));
        db.ChangeTracker.Clear();
        db.Add(Customer.Create(tenant.Id, "after", CustomerKind.Residential, "Four", [], [], null, Now));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Assert.Equal(["after"], await db.Set<Customer>().Select(c => c.ExternalId).ToListAsync());
    }
}

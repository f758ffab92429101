using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

public sealed class OutboxDeliveryMigrationTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task OutboxDelivery_WhenMessagesExist_MarksProcessedOnesSentAndTheOthersPendingAndDue(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var provider = InfrastructureHost.Build(database);
        var tenant = Guid.NewGuid();
        var processed = Guid.NewGuid();
        var waiting = Guid.NewGuid();
        const string payload = "{}";
        var occurred = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.GetService<IMigrator>().MigrateAsync("20261121090000_Imports");
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "OutboxMessages" ("Id", "TenantId", "Type", "Payload", "OccurredAt", "ProcessedAt")
                VALUES ({processed}, {tenant}, 'job.booked', {payload}, {occurred}, {occurred.AddMinutes(1)})
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "OutboxMessages" ("Id", "TenantId", "Type", "Payload", "OccurredAt", "ProcessedAt")
                VALUES ({waiting}, {tenant}, 'job.booked', {payload}, {occurred}, NULL)
                """);
        }

        await DatabaseMigrator.MigrateAsync(provider);

        await using (var scope = provider.CreateAsyncScope())
        {
            var messages = await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages
                .IgnoreQueryFilters([QueryFilters.Tenant]).ToDictionaryAsync(m => m.Id);
            Assert.Equal(OutboxStatus.Sent, messages[processed].Status);
            Assert.Equal(OutboxStatus.Pending, messages[waiting].Status);
            Assert.True(messages[waiting].NextAttemptAt <= DateTimeOffset.UtcNow);
            Assert.All(messages.Values, m => Assert.Equal(0, m.Attempts));
            Assert.All(messages.Values, m => Assert.Null(m.LockedBy));
        }
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Delivery state for outbox messages: status, attempts, next attempt, the dispatcher's lease and the last
/// error. Columns are only added (SQLite cannot change a column without rebuilding the table). Messages
/// already processed become sent; the others pending and due at once.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000000_OutboxDelivery")]
public sealed class OutboxDelivery : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Status", table: "OutboxMessages", maxLength: 20, nullable: false, defaultValue: "Pending");
        migrationBuilder.AddColumn<int>(name: "Attempts", table: "OutboxMessages", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<long>(name: "NextAttemptAt", table: "OutboxMessages", nullable: true);
        migrationBuilder.AddColumn<string>(name: "LockedBy", table: "OutboxMessages", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<long>(name: "LockedUntil", table: "OutboxMessages", nullable: true);
        migrationBuilder.AddColumn<string>(name: "LastError", table: "OutboxMessages", maxLength: 1000, nullable: true);

        migrationBuilder.Sql("""UPDATE "OutboxMessages" SET "Status" = 'Sent' WHERE "ProcessedAt" IS NOT NULL""");

        // 0 is the earliest time in the stored binary form: due at once.
        migrationBuilder.Sql("""UPDATE "OutboxMessages" SET "NextAttemptAt" = 0 WHERE "ProcessedAt" IS NULL""");

        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_Status_NextAttemptAt", table: "OutboxMessages", columns: ["Status", "NextAttemptAt"]);
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_TenantId_Status_Id", table: "OutboxMessages", columns: ["TenantId", "Status", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_OutboxMessages_TenantId_Status_Id", table: "OutboxMessages");
        migrationBuilder.DropIndex(name: "IX_OutboxMessages_Status_NextAttemptAt", table: "OutboxMessages");
        foreach (var column in new[] { "LastError", "LockedUntil", "LockedBy", "NextAttemptAt", "Attempts", "Status" })
        {
            migrationBuilder.DropColumn(name: column, table: "OutboxMessages");
        }
    }
}

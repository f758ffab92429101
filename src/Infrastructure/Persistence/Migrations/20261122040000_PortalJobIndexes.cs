using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// What the portal's job tabs and location list read: appointments get their start as UTC ticks (SQLite keeps
/// offsets as text and cannot compare them), filled in for the rows already there; jobs and locations are indexed
/// by tenant, customer and id, appointments by tenant, job, status and start.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122040000_PortalJobIndexes")]
public sealed class PortalJobIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "StartUtcTicks", table: "Appointments", nullable: false, defaultValue: 0L);

        // 621355968000000000 is 1970-01-01 in .NET ticks; starts are stored in UTC.
        if (ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // The text is "yyyy-MM-dd HH:mm:ss[.fffffff]+00:00": whole seconds from strftime, the fraction from the digits.
            migrationBuilder.Sql("""
                UPDATE "Appointments" SET "StartUtcTicks" =
                    CAST(strftime('%s', "Start") AS INTEGER) * 10000000 + 621355968000000000
                    + CASE WHEN substr("Start", 20, 1) = '.'
                           THEN CAST(substr(substr("Start", 21, length("Start") - 26) || '0000000', 1, 7) AS INTEGER)
                           ELSE 0 END
                """);
        }
        else
        {
            migrationBuilder.Sql("""
                UPDATE "Appointments" SET "StartUtcTicks" =
                    CAST(floor(extract(epoch from "Start") * 10000000) AS bigint) + 621355968000000000
                """);
        }

        // Tenant first: with only one equality column each, SQLite could prefer the (TenantId, Id) index every
        // tenant-owned table has and scan the tenant's rows; two equality columns make these the obvious choice.
        migrationBuilder.CreateIndex(name: "IX_Appointments_TenantId_JobId_Status_StartUtcTicks", table: "Appointments", columns: ["TenantId", "JobId", "Status", "StartUtcTicks"]);
        migrationBuilder.CreateIndex(name: "IX_Jobs_TenantId_CustomerId_Id", table: "Jobs", columns: ["TenantId", "CustomerId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Locations_TenantId_CustomerId_Id", table: "Locations", columns: ["TenantId", "CustomerId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Locations_TenantId_CustomerId_Id", table: "Locations");
        migrationBuilder.DropIndex(name: "IX_Jobs_TenantId_CustomerId_Id", table: "Jobs");
        migrationBuilder.DropIndex(name: "IX_Appointments_TenantId_JobId_Status_StartUtcTicks", table: "Appointments");
        migrationBuilder.DropColumn(name: "StartUtcTicks", table: "Appointments");
    }
}

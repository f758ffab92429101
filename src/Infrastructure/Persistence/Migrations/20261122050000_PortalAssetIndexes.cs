using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// What the portal's equipment, agreement and membership lists read: equipment by tenant and location in id order,
/// a serial search key (ASCII letters upper-cased and digits, see <c>SerialSearch</c>) with its index for prefix
/// ranges, and plans by tenant and customer in id order (tenant first, so SQLite never prefers the (TenantId, Id)
/// index and scans the tenant's rows). Existing serials get their key here; from then on the entity keeps it.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122050000_PortalAssetIndexes")]
public sealed class PortalAssetIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "SerialKey", table: "Equipment", maxLength: 100, nullable: true);

        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.Sql("""
                UPDATE "Equipment" SET "SerialKey" = NULLIF(upper(regexp_replace("Serial", '[^A-Za-z0-9]', '', 'g')), '')
                WHERE "Serial" IS NOT NULL
                """);
        }
        else
        {
            // SQLite has no regular expressions: walk each serial one character at a time (upper() is ASCII-only there).
            migrationBuilder.Sql("""
                WITH RECURSIVE walk(id, rest, key) AS (
                    SELECT "Id", "Serial", '' FROM "Equipment" WHERE "Serial" IS NOT NULL
                    UNION ALL
                    SELECT id, substr(rest, 2),
                           key || CASE WHEN upper(substr(rest, 1, 1)) BETWEEN 'A' AND 'Z' OR substr(rest, 1, 1) BETWEEN '0' AND '9'
                                       THEN upper(substr(rest, 1, 1)) ELSE '' END
                    FROM walk WHERE rest <> ''
                )
                UPDATE "Equipment" SET "SerialKey" = NULLIF(walk.key, '')
                FROM walk WHERE walk.id = "Equipment"."Id" AND walk.rest = ''
                """);
        }

        migrationBuilder.CreateIndex(name: "IX_Equipment_TenantId_LocationId_Id", table: "Equipment", columns: ["TenantId", "LocationId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Equipment_TenantId_SerialKey", table: "Equipment", columns: ["TenantId", "SerialKey"]);
        migrationBuilder.CreateIndex(name: "IX_Agreements_TenantId_CustomerId_Id", table: "Agreements", columns: ["TenantId", "CustomerId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Memberships_TenantId_CustomerId_Id", table: "Memberships", columns: ["TenantId", "CustomerId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Memberships_TenantId_CustomerId_Id", table: "Memberships");
        migrationBuilder.DropIndex(name: "IX_Agreements_TenantId_CustomerId_Id", table: "Agreements");
        migrationBuilder.DropIndex(name: "IX_Equipment_TenantId_SerialKey", table: "Equipment");
        migrationBuilder.DropIndex(name: "IX_Equipment_TenantId_LocationId_Id", table: "Equipment");
        migrationBuilder.DropColumn(name: "SerialKey", table: "Equipment");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Bulk imports: the queue of uploaded NDJSON files, their progress, failed lines and worker leases.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261121090000_Imports")]
public sealed class Imports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Imports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                SizeBytes = table.Column<long>(nullable: false),
                LinesRead = table.Column<long>(nullable: false),
                ByteOffset = table.Column<long>(nullable: false),
                Applied = table.Column<long>(nullable: false),
                Failed = table.Column<long>(nullable: false),
                Errors = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                CompletedAt = table.Column<DateTimeOffset>(nullable: true),
                ClaimedBy = table.Column<string>(maxLength: 200, nullable: true),
                LeaseUntil = table.Column<long>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Imports", x => x.Id);
                table.ForeignKey("FK_Imports_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Imports_Status_Id", table: "Imports", columns: ["Status", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Imports_TenantId_Id", table: "Imports", columns: ["TenantId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "Imports");
}

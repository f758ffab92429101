using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Arrival windows with capacity, synced from the back office; starts and ends keep the company's offset, and UTC ticks for comparisons.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203100001_CapacityWindows")]
public sealed class CapacityWindows : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CapacityWindows",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                BusinessUnitId = table.Column<Guid>(nullable: false),
                BusinessUnitExternalId = table.Column<string>(maxLength: 100, nullable: false),
                JobTypes = table.Column<string>(maxLength: 8000, nullable: false),
                Start = table.Column<string>(maxLength: 33, nullable: false),
                End = table.Column<string>(maxLength: 33, nullable: false),
                StartUtcTicks = table.Column<long>(nullable: false),
                EndUtcTicks = table.Column<long>(nullable: false),
                TotalSlots = table.Column<int>(nullable: false),
                BookedSlots = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CapacityWindows", x => x.Id);
                table.ForeignKey("FK_CapacityWindows_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CapacityWindows_BusinessUnits_BusinessUnitId", x => x.BusinessUnitId, "BusinessUnits", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_CapacityWindows_BusinessUnitId", table: "CapacityWindows", column: "BusinessUnitId");
        migrationBuilder.CreateIndex(name: "IX_CapacityWindows_TenantId_ExternalId", table: "CapacityWindows", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_CapacityWindows_TenantId_Id", table: "CapacityWindows", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_CapacityWindows_TenantId_StartUtcTicks", table: "CapacityWindows", columns: ["TenantId", "StartUtcTicks"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "CapacityWindows");
}

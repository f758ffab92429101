using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Booking settings: one row per tenant, its bookable job types as a JSON list.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203100000_BookingSettings")]
public sealed class BookingSettingsTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "BookingSettings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                JobTypes = table.Column<string>(maxLength: 100_000, nullable: false),
                HorizonDays = table.Column<int>(nullable: false),
                LeadTimeHours = table.Column<int>(nullable: false),
                ChangeCutOffHours = table.Column<int>(nullable: false),
                WebsiteRequests = table.Column<bool>(nullable: false),
                Version = table.Column<int>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BookingSettings", x => x.Id);
                table.ForeignKey("FK_BookingSettings_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_BookingSettings_TenantId", table: "BookingSettings", column: "TenantId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_BookingSettings_TenantId_Id", table: "BookingSettings", columns: ["TenantId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "BookingSettings");
}

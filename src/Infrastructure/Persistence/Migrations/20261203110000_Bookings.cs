using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Booking requests from the portal and from websites, for the office's Bookings list. The unique index on the
/// requester's Idempotency-Key keeps one request per key on every engine. CapacityWindowId and AppointmentId stay
/// empty for requests; a self-scheduled booking fills them.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203110000_Bookings")]
public sealed class Bookings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Bookings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Source = table.Column<string>(maxLength: 20, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                JobTypeId = table.Column<Guid>(nullable: false),
                JobTypeExternalId = table.Column<string>(maxLength: 100, nullable: false),
                CustomerId = table.Column<Guid>(nullable: true),
                CustomerExternalId = table.Column<string>(maxLength: 100, nullable: true),
                LocationId = table.Column<Guid>(nullable: true),
                LocationExternalId = table.Column<string>(maxLength: 100, nullable: true),
                PortalUserId = table.Column<Guid>(nullable: true),
                RequesterName = table.Column<string>(maxLength: 200, nullable: true),
                RequesterEmail = table.Column<string>(maxLength: 254, nullable: true),
                RequesterAddress = table.Column<string>(maxLength: 1000, nullable: true),
                PreferredWindows = table.Column<string>(maxLength: 500, nullable: false),
                Description = table.Column<string>(maxLength: 2000, nullable: true),
                ContactPhone = table.Column<string>(maxLength: 16, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                IdempotencyScope = table.Column<string>(maxLength: 100, nullable: true),
                IdempotencyKey = table.Column<string>(maxLength: 255, nullable: true),
                RequestHash = table.Column<string>(maxLength: 100, nullable: true),
                JobExternalId = table.Column<string>(maxLength: 100, nullable: true),
                AppointmentExternalId = table.Column<string>(maxLength: 100, nullable: true),
                ScheduledAt = table.Column<long>(nullable: true),
                DismissedAt = table.Column<long>(nullable: true),
                DismissReason = table.Column<string>(maxLength: 1000, nullable: true),
                HandledBy = table.Column<string>(maxLength: 100, nullable: true),
                CapacityWindowId = table.Column<Guid>(nullable: true),
                AppointmentId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Bookings", x => x.Id);
                table.ForeignKey("FK_Bookings_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Bookings_TenantId_Id", table: "Bookings", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Bookings_TenantId_IdempotencyScope_IdempotencyKey", table: "Bookings", columns: ["TenantId", "IdempotencyScope", "IdempotencyKey"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Bookings_TenantId_IdempotencyScope_Id", table: "Bookings", columns: ["TenantId", "IdempotencyScope", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Bookings_TenantId_Status_Id", table: "Bookings", columns: ["TenantId", "Status", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "Bookings");
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Self-scheduled bookings: when one was canceled (and why) or last rescheduled, the Idempotency-Key of its latest change,
/// and a version that keeps only the first of concurrent changes. The new statuses (Booked, Canceled) fit the Status column.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203120000_SelfScheduledBookings")]
public sealed class SelfScheduledBookings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "CanceledAt", table: "Bookings", nullable: true);
        migrationBuilder.AddColumn<string>(name: "CancelReason", table: "Bookings", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<long>(name: "RescheduledAt", table: "Bookings", nullable: true);
        migrationBuilder.AddColumn<string>(name: "ChangeIdempotencyKey", table: "Bookings", maxLength: 255, nullable: true);
        migrationBuilder.AddColumn<string>(name: "ChangeRequestHash", table: "Bookings", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<int>(name: "Version", table: "Bookings", nullable: false, defaultValue: 0);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var column in new[] { "CanceledAt", "CancelReason", "RescheduledAt", "ChangeIdempotencyKey", "ChangeRequestHash", "Version" })
        {
            migrationBuilder.DropColumn(name: column, table: "Bookings");
        }
    }
}

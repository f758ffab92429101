using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>The address each payment came from, so failed payments can be limited per address (card testing).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261202000000_PaymentClientIp")]
public sealed class PaymentClientIp : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ClientIp", table: "Payments", maxLength: 64, nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Payments_TenantId_ClientIp_CreatedAt", table: "Payments", columns: ["TenantId", "ClientIp", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Payments_TenantId_ClientIp_CreatedAt", table: "Payments");
        migrationBuilder.DropColumn(name: "ClientIp", table: "Payments");
    }
}

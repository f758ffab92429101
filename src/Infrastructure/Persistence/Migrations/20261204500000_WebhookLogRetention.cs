using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Finished webhook deliveries by age, for the delivery log's retention (Webhooks:LogRetentionDays).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261204500000_WebhookLogRetention")]
public sealed class WebhookLogRetention : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: "IX_WebhookDeliveries_Status_CreatedAt", table: "WebhookDeliveries", columns: ["Status", "CreatedAt"]);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: "IX_WebhookDeliveries_Status_CreatedAt", table: "WebhookDeliveries");
}

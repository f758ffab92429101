using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Webhooks to integrators: the endpoints (their signing secrets protected) and one delivery per event and endpoint,
/// claimed by delivery workers with a lease like outbox messages.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261204200000_Webhooks")]
public sealed class Webhooks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WebhookEndpoints",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Url = table.Column<string>(maxLength: 2000, nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: true),
                EventTypes = table.Column<string>(maxLength: 2000, nullable: false),
                Enabled = table.Column<bool>(nullable: false),
                DisabledReason = table.Column<string>(maxLength: 200, nullable: true),
                Secret = table.Column<string>(maxLength: 1000, nullable: false),
                PreviousSecret = table.Column<string>(maxLength: 1000, nullable: true),
                PreviousSecretExpiresAt = table.Column<long>(nullable: true),
                FailingSince = table.Column<long>(nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebhookEndpoints", x => x.Id);
                table.ForeignKey("FK_WebhookEndpoints_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_WebhookEndpoints_TenantId_Id", table: "WebhookEndpoints", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "WebhookDeliveries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                EndpointId = table.Column<Guid>(nullable: false),
                EventId = table.Column<Guid>(nullable: false),
                EventType = table.Column<string>(maxLength: 100, nullable: false),
                Body = table.Column<string>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                FirstAttemptAt = table.Column<long>(nullable: false),
                NextAttemptAt = table.Column<long>(nullable: true),
                LastAttemptAt = table.Column<long>(nullable: true),
                ResponseStatus = table.Column<int>(nullable: true),
                ResponseBody = table.Column<string>(maxLength: 1000, nullable: true),
                DurationMs = table.Column<int>(nullable: true),
                Error = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                LockedBy = table.Column<string>(maxLength: 200, nullable: true),
                LockedUntil = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                table.ForeignKey("FK_WebhookDeliveries_WebhookEndpoints_EndpointId", x => x.EndpointId, "WebhookEndpoints", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_WebhookDeliveries_EventId_EndpointId", table: "WebhookDeliveries", columns: ["EventId", "EndpointId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_WebhookDeliveries_Status_NextAttemptAt", table: "WebhookDeliveries", columns: ["Status", "NextAttemptAt"]);
        migrationBuilder.CreateIndex(name: "IX_WebhookDeliveries_TenantId_EndpointId_Id", table: "WebhookDeliveries", columns: ["TenantId", "EndpointId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_WebhookDeliveries_TenantId_Id", table: "WebhookDeliveries", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_WebhookDeliveries_EndpointId", table: "WebhookDeliveries", columns: ["EndpointId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "WebhookDeliveries");
        migrationBuilder.DropTable(name: "WebhookEndpoints");
    }
}

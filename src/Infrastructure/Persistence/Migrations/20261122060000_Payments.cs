using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Online payments: tenants' payment accounts, payments, handled provider events, and invoices' holds.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122060000_Payments")]
public sealed class Payments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "PaymentHold", table: "Invoices", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<int>(name: "Version", table: "Invoices", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<string>(name: "UnrecordedOnlinePayments", table: "Invoices", maxLength: 40000, nullable: false, defaultValue: "[]");

        migrationBuilder.CreateTable(
            name: "PaymentAccounts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                ProviderAccountId = table.Column<string>(maxLength: 100, nullable: false),
                ConnectedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PaymentAccounts", x => x.Id);
                table.ForeignKey("FK_PaymentAccounts_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_PaymentAccounts_TenantId", table: "PaymentAccounts", column: "TenantId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PaymentAccounts_TenantId_Id", table: "PaymentAccounts", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_PaymentAccounts_ProviderAccountId", table: "PaymentAccounts", column: "ProviderAccountId", unique: true);

        migrationBuilder.CreateTable(
            name: "Payments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                Amount = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                MethodKind = table.Column<string>(maxLength: 20, nullable: false),
                Channel = table.Column<string>(maxLength: 20, nullable: false),
                PortalUserId = table.Column<Guid>(nullable: true),
                PaymentLinkId = table.Column<Guid>(nullable: true),
                ProviderPaymentMethodId = table.Column<string>(maxLength: 255, nullable: false),
                ProviderCustomerId = table.Column<string>(maxLength: 255, nullable: true),
                SavedPaymentMethodId = table.Column<Guid>(nullable: true),
                ProviderPaymentIntentId = table.Column<string>(maxLength: 255, nullable: true),
                ClientSecret = table.Column<string>(maxLength: 255, nullable: true),
                Failure = table.Column<string>(maxLength: 2000, nullable: true),
                AchAuthorization = table.Column<string>(maxLength: 6000, nullable: true),
                IdempotencyScope = table.Column<string>(maxLength: 255, nullable: false),
                IdempotencyKey = table.Column<string>(maxLength: 255, nullable: false),
                RequestHash = table.Column<string>(maxLength: 100, nullable: false),
                ReceiptEmail = table.Column<string>(maxLength: 254, nullable: true),
                Allocations = table.Column<string>(maxLength: 40000, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                CompletedAt = table.Column<long>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Payments", x => x.Id);
                table.ForeignKey("FK_Payments_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Payments_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Payments_TenantId_IdempotencyScope_IdempotencyKey", table: "Payments", columns: ["TenantId", "IdempotencyScope", "IdempotencyKey"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Payments_TenantId_ProviderPaymentIntentId", table: "Payments", columns: ["TenantId", "ProviderPaymentIntentId"]);
        migrationBuilder.CreateIndex(name: "IX_Payments_TenantId_CustomerId_Id", table: "Payments", columns: ["TenantId", "CustomerId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Payments_TenantId_Id", table: "Payments", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Payments_Status_UpdatedAt", table: "Payments", columns: ["Status", "UpdatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Payments_CustomerId", table: "Payments", column: "CustomerId");

        migrationBuilder.CreateTable(
            name: "ProcessedWebhookEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Provider = table.Column<string>(maxLength: 20, nullable: false),
                EventId = table.Column<string>(maxLength: 255, nullable: false),
                Type = table.Column<string>(maxLength: 100, nullable: false),
                ProcessedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProcessedWebhookEvents", x => x.Id);
                table.ForeignKey("FK_ProcessedWebhookEvents_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_ProcessedWebhookEvents_Provider_EventId", table: "ProcessedWebhookEvents", columns: ["Provider", "EventId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_ProcessedWebhookEvents_TenantId_Id", table: "ProcessedWebhookEvents", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_ProcessedWebhookEvents_TenantId_ProcessedAt", table: "ProcessedWebhookEvents", columns: ["TenantId", "ProcessedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ProcessedWebhookEvents");
        migrationBuilder.DropTable(name: "Payments");
        migrationBuilder.DropTable(name: "PaymentAccounts");
        migrationBuilder.DropColumn(name: "UnrecordedOnlinePayments", table: "Invoices");
        migrationBuilder.DropColumn(name: "Version", table: "Invoices");
        migrationBuilder.DropColumn(name: "PaymentHold", table: "Invoices");
    }
}

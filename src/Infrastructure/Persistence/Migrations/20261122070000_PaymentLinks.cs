using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Direct payment links; a row per invoice a payment is for (so an invoice's payments are an index range); and
/// indexes for the office's views: payments by status, and one target's audit trail (a job's payments).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122070000_PaymentLinks")]
public sealed class PaymentLinks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PaymentLinks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                InvoiceId = table.Column<Guid>(nullable: false),
                InvoiceExternalId = table.Column<string>(maxLength: 100, nullable: false),
                TokenHash = table.Column<string>(maxLength: 100, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                RevokedAt = table.Column<long>(nullable: true),
                LastViewedAt = table.Column<long>(nullable: true),
                SourceMessageId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PaymentLinks", x => x.Id);
                table.ForeignKey("FK_PaymentLinks_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_PaymentLinks_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_PaymentLinks_TokenHash", table: "PaymentLinks", column: "TokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PaymentLinks_TenantId_InvoiceId_Id", table: "PaymentLinks", columns: ["TenantId", "InvoiceId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_PaymentLinks_TenantId_Id", table: "PaymentLinks", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_PaymentLinks_SourceMessageId", table: "PaymentLinks", column: "SourceMessageId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PaymentLinks_InvoiceId", table: "PaymentLinks", column: "InvoiceId");

        migrationBuilder.CreateTable(
            name: "PaymentInvoices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                PaymentId = table.Column<Guid>(nullable: false),
                InvoiceId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PaymentInvoices", x => x.Id);
                table.ForeignKey("FK_PaymentInvoices_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_PaymentInvoices_Payments_PaymentId", x => x.PaymentId, "Payments", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_PaymentInvoices_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_PaymentInvoices_TenantId_InvoiceId_PaymentId", table: "PaymentInvoices", columns: ["TenantId", "InvoiceId", "PaymentId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_PaymentInvoices_TenantId_Id", table: "PaymentInvoices", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_PaymentInvoices_PaymentId", table: "PaymentInvoices", column: "PaymentId");
        migrationBuilder.CreateIndex(name: "IX_PaymentInvoices_InvoiceId", table: "PaymentInvoices", column: "InvoiceId");

        migrationBuilder.CreateIndex(name: "IX_Payments_TenantId_Status_Id", table: "Payments", columns: ["TenantId", "Status", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_AuditEvents_TenantId_Target_Id", table: "AuditEvents", columns: ["TenantId", "Target", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_AuditEvents_TenantId_Target_Id", table: "AuditEvents");
        migrationBuilder.DropIndex(name: "IX_Payments_TenantId_Status_Id", table: "Payments");
        migrationBuilder.DropTable(name: "PaymentInvoices");
        migrationBuilder.DropTable(name: "PaymentLinks");
    }
}

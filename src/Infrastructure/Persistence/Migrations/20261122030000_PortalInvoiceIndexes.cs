using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Portal invoice lists: partial indexes on (TenantId, BillToId, IssueDate, Id) for the invoices customers may see,
/// one for those with a balance and one for paid ones, so each page is an index range per Bill-To customer; and
/// a (TenantId, CustomerId, Status) range on proposals for "My tasks".
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122030000_PortalInvoiceIndexes")]
public sealed class PortalInvoiceIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(
            name: Configurations.PortalInvoiceIndexes.Unpaid, table: "Invoices", columns: ["TenantId", "BillToId", "IssueDate", "Id"],
            filter: Configurations.PortalInvoiceIndexes.UnpaidFilter);
        migrationBuilder.CreateIndex(
            name: Configurations.PortalInvoiceIndexes.Paid, table: "Invoices", columns: ["TenantId", "BillToId", "IssueDate", "Id"],
            filter: Configurations.PortalInvoiceIndexes.PaidFilter);

        // "My tasks" reads a customer's open proposals in one range instead of the tenant's rows (jobs use the
        // (TenantId, CustomerId, Id) index of PortalJobIndexes).
        migrationBuilder.CreateIndex(name: "IX_Proposals_TenantId_CustomerId_Status", table: "Proposals", columns: ["TenantId", "CustomerId", "Status"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Proposals_TenantId_CustomerId_Status", table: "Proposals");
        migrationBuilder.DropIndex(name: Configurations.PortalInvoiceIndexes.Paid, table: "Invoices");
        migrationBuilder.DropIndex(name: Configurations.PortalInvoiceIndexes.Unpaid, table: "Invoices");
    }
}

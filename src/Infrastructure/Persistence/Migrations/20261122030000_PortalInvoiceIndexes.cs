using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Portal invoice lists: partial indexes on (TenantId, BillToId, IssueDate, Id) for the invoices customers may see,
/// one for those with a balance and one for paid ones, so each page is an index range per Bill-To customer.
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
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: Configurations.PortalInvoiceIndexes.Paid, table: "Invoices");
        migrationBuilder.DropIndex(name: Configurations.PortalInvoiceIndexes.Unpaid, table: "Invoices");
    }
}

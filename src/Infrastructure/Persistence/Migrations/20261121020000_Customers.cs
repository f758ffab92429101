using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Customers (the first synced resource) and the outbox that holds domain events.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261121020000_Customers")]
public sealed class Customers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Customers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Emails = table.Column<string>(maxLength: 4000, nullable: false),
                Phones = table.Column<string>(maxLength: 2000, nullable: false),
                BillingAddress = table.Column<string>(maxLength: 1000, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Customers", x => x.Id);
                table.ForeignKey("FK_Customers_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Customers_TenantId_ExternalId", table: "Customers", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Customers_TenantId_Id", table: "Customers", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "OutboxMessages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Type = table.Column<string>(maxLength: 100, nullable: false),
                Payload = table.Column<string>(nullable: false),
                OccurredAt = table.Column<DateTimeOffset>(nullable: false),
                ProcessedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_OutboxMessages", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_ProcessedAt_Id", table: "OutboxMessages", columns: ["ProcessedAt", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_TenantId_Id", table: "OutboxMessages", columns: ["TenantId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "OutboxMessages");
        migrationBuilder.DropTable(name: "Customers");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Direct estimate links: one customer's proposals (as JSON references), shown without an account through a hashed token.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203020000_EstimateLinks")]
public sealed class EstimateLinks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "EstimateLinks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                CustomerExternalId = table.Column<string>(maxLength: 100, nullable: false),
                Proposals = table.Column<string>(maxLength: 4000, nullable: false),
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
                table.PrimaryKey("PK_EstimateLinks", x => x.Id);
                table.ForeignKey("FK_EstimateLinks_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_EstimateLinks_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_EstimateLinks_TokenHash", table: "EstimateLinks", column: "TokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_EstimateLinks_TenantId_CustomerId_Id", table: "EstimateLinks", columns: ["TenantId", "CustomerId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_EstimateLinks_TenantId_Id", table: "EstimateLinks", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_EstimateLinks_SourceMessageId", table: "EstimateLinks", column: "SourceMessageId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_EstimateLinks_CustomerId", table: "EstimateLinks", column: "CustomerId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "EstimateLinks");
}

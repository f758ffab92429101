using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Reviews of completed jobs (one per job and customer: a unique index) and the prompts My Tasks shows for 30 days after
/// the work was completed (one per job); the portal settings' public review page.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261204300000_Reviews")]
public sealed class Reviews : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Reviews",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                JobId = table.Column<Guid>(nullable: false),
                JobExternalId = table.Column<string>(maxLength: 100, nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                CustomerExternalId = table.Column<string>(maxLength: 100, nullable: false),
                PortalUserId = table.Column<Guid>(nullable: true),
                Rating = table.Column<int>(nullable: false),
                Comment = table.Column<string>(maxLength: 2000, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reviews", x => x.Id);
                table.ForeignKey("FK_Reviews_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Reviews_TenantId_Id", table: "Reviews", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Reviews_TenantId_JobId_CustomerId", table: "Reviews", columns: ["TenantId", "JobId", "CustomerId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Reviews_TenantId_CustomerId_Id", table: "Reviews", columns: ["TenantId", "CustomerId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Reviews_TenantId_Rating_Id", table: "Reviews", columns: ["TenantId", "Rating", "Id"]);

        migrationBuilder.CreateTable(
            name: "ReviewPrompts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                JobId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                OpenedAt = table.Column<long>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReviewPrompts", x => x.Id);
                table.ForeignKey("FK_ReviewPrompts_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_ReviewPrompts_TenantId_Id", table: "ReviewPrompts", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_ReviewPrompts_TenantId_JobId", table: "ReviewPrompts", columns: ["TenantId", "JobId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_ReviewPrompts_TenantId_CustomerId_ExpiresAt", table: "ReviewPrompts", columns: ["TenantId", "CustomerId", "ExpiresAt"]);
        migrationBuilder.AddColumn<string>(name: "PublicReviewUrl", table: "PortalSettings", maxLength: 2048, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "PublicReviewUrl", table: "PortalSettings");
        migrationBuilder.DropTable(name: "ReviewPrompts");
        migrationBuilder.DropTable(name: "Reviews");
    }
}

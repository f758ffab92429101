using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Tenants' own email templates (one per kind), replacing the defaults.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122010000_EmailTemplates")]
public sealed class EmailTemplates : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "EmailTemplates",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 40, nullable: false),
                Subject = table.Column<string>(maxLength: 200, nullable: false),
                Html = table.Column<string>(maxLength: 100000, nullable: false),
                Text = table.Column<string>(maxLength: 20000, nullable: false),
                Version = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EmailTemplates", x => x.Id);
                table.ForeignKey("FK_EmailTemplates_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_EmailTemplates_TenantId_Kind", table: "EmailTemplates", columns: ["TenantId", "Kind"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_EmailTemplates_TenantId_Id", table: "EmailTemplates", columns: ["TenantId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "EmailTemplates");
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Documents attached to jobs; their content lives in file storage, addressed by SHA-256.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261121040000_Documents")]
public sealed class Documents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Documents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                JobId = table.Column<Guid>(nullable: false),
                JobExternalId = table.Column<string>(maxLength: 100, nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                Shared = table.Column<bool>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: true),
                FileName = table.Column<string>(maxLength: 255, nullable: false),
                StorageKey = table.Column<string>(maxLength: 300, nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                Size = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Documents", x => x.Id);
                table.ForeignKey("FK_Documents_Jobs_JobId", x => x.JobId, "Jobs", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Documents_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Documents_JobId", table: "Documents", column: "JobId");
        migrationBuilder.CreateIndex(name: "IX_Documents_TenantId_ExternalId", table: "Documents", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Documents_TenantId_Id", table: "Documents", columns: ["TenantId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "Documents");
}

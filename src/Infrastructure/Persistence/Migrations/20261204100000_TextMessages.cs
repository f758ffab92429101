using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Texts on job milestones (one per tenant, milestone and subject), numbers that replied STOP, and tenants' own text wording.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261204100000_TextMessages")]
public sealed class TextMessages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "TextMessages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Milestone = table.Column<string>(maxLength: 50, nullable: false),
                SubjectId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                To = table.Column<string>(maxLength: 20, nullable: false),
                From = table.Column<string>(maxLength: 20, nullable: false),
                Body = table.Column<string>(maxLength: 1600, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                DueAt = table.Column<long>(nullable: false),
                Held = table.Column<bool>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                LockedUntil = table.Column<long>(nullable: true),
                ProviderMessageId = table.Column<string>(maxLength: 64, nullable: true),
                ErrorCode = table.Column<string>(maxLength: 64, nullable: true),
                Error = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                SentAt = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TextMessages", x => x.Id);
                table.ForeignKey("FK_TextMessages_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_TextMessages_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_TextMessages_TenantId_Milestone_SubjectId", table: "TextMessages", columns: ["TenantId", "Milestone", "SubjectId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_TextMessages_ProviderMessageId", table: "TextMessages", column: "ProviderMessageId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_TextMessages_Status_DueAt", table: "TextMessages", columns: ["Status", "DueAt"]);
        migrationBuilder.CreateIndex(name: "IX_TextMessages_TenantId_CustomerId_Id", table: "TextMessages", columns: ["TenantId", "CustomerId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_TextMessages_TenantId_Id", table: "TextMessages", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_TextMessages_CustomerId", table: "TextMessages", column: "CustomerId");

        migrationBuilder.CreateTable(
            name: "SmsOptOuts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                PhoneNumber = table.Column<string>(maxLength: 20, nullable: false),
                Keyword = table.Column<string>(maxLength: 20, nullable: false),
                OptedOutAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SmsOptOuts", x => x.Id);
                table.ForeignKey("FK_SmsOptOuts_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_SmsOptOuts_TenantId_PhoneNumber", table: "SmsOptOuts", columns: ["TenantId", "PhoneNumber"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_SmsOptOuts_TenantId_Id", table: "SmsOptOuts", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "TextTemplates",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Milestone = table.Column<string>(maxLength: 50, nullable: false),
                Body = table.Column<string>(maxLength: 640, nullable: false),
                Version = table.Column<int>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TextTemplates", x => x.Id);
                table.ForeignKey("FK_TextTemplates_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_TextTemplates_TenantId_Milestone", table: "TextTemplates", columns: ["TenantId", "Milestone"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_TextTemplates_TenantId_Id", table: "TextTemplates", columns: ["TenantId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "TextTemplates");
        migrationBuilder.DropTable(name: "SmsOptOuts");
        migrationBuilder.DropTable(name: "TextMessages");
    }
}

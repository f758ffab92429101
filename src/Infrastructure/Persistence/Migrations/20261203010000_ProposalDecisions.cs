using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Estimates the customer can decide: a proposal's expiry, terms and equipment, and the customer's decision with its
/// evidence in a table of its own. The unique index on ProposalId keeps one decision per proposal, however concurrent
/// the requests, on every engine.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203010000_ProposalDecisions")]
public sealed class ProposalDecisions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateOnly>(name: "ExpiresOn", table: "Proposals", nullable: true);
        migrationBuilder.AddColumn<string>(name: "Terms", table: "Proposals", maxLength: 20000, nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "EquipmentId", table: "Proposals", nullable: true);
        migrationBuilder.AddColumn<string>(name: "EquipmentExternalId", table: "Proposals", maxLength: 100, nullable: true);

        migrationBuilder.CreateTable(
            name: "ProposalDecisions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                ProposalId = table.Column<Guid>(nullable: false),
                Outcome = table.Column<string>(maxLength: 20, nullable: false),
                Channel = table.Column<string>(maxLength: 20, nullable: false),
                PortalUserId = table.Column<Guid>(nullable: true),
                EstimateLinkId = table.Column<Guid>(nullable: true),
                DecidedAt = table.Column<long>(nullable: false),
                IpAddress = table.Column<string>(maxLength: 64, nullable: false),
                UserAgent = table.Column<string>(maxLength: 512, nullable: false),
                OptionId = table.Column<string>(maxLength: 100, nullable: true),
                SignatureType = table.Column<string>(maxLength: 20, nullable: true),
                SignerName = table.Column<string>(maxLength: 200, nullable: true),
                SignaturePng = table.Column<byte[]>(maxLength: 204800, nullable: true),
                ConsentText = table.Column<string>(maxLength: 4000, nullable: true),
                ConsentVersion = table.Column<string>(maxLength: 50, nullable: true),
                DocumentSha256 = table.Column<string>(maxLength: 64, nullable: true),
                DeclineReason = table.Column<string>(maxLength: 2000, nullable: true),
                IdempotencyScope = table.Column<string>(maxLength: 100, nullable: true),
                IdempotencyKey = table.Column<string>(maxLength: 255, nullable: true),
                RequestHash = table.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProposalDecisions", x => x.Id);
                table.ForeignKey("FK_ProposalDecisions_Proposals_ProposalId", x => x.ProposalId, "Proposals", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ProposalDecisions_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_ProposalDecisions_ProposalId", table: "ProposalDecisions", column: "ProposalId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_ProposalDecisions_TenantId_Id", table: "ProposalDecisions", columns: ["TenantId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ProposalDecisions");
        migrationBuilder.DropColumn(name: "EquipmentExternalId", table: "Proposals");
        migrationBuilder.DropColumn(name: "EquipmentId", table: "Proposals");
        migrationBuilder.DropColumn(name: "Terms", table: "Proposals");
        migrationBuilder.DropColumn(name: "ExpiresOn", table: "Proposals");
    }
}

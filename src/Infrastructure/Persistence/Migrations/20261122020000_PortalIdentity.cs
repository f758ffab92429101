using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Portal identity: users, one-time email tokens, sessions with their refresh tokens, customer portal links, and portal status on contacts.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122020000_PortalIdentity")]
public sealed class PortalIdentity : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTimeOffset>(name: "InvitedAt", table: "PortalContacts", nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "PortalAccessRevokedAt", table: "PortalContacts", nullable: true);

        migrationBuilder.CreateTable(
            name: "PortalUsers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: false),
                PasswordHash = table.Column<string>(maxLength: 200, nullable: true),
                EmailVerifiedAt = table.Column<DateTimeOffset>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                PasswordChangedAt = table.Column<DateTimeOffset>(nullable: true),
                LastSignInAt = table.Column<DateTimeOffset>(nullable: true),
                FailedSignIns = table.Column<int>(nullable: false),
                FailedSignInWindowStart = table.Column<long>(nullable: true),
                LockedUntil = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PortalUsers", x => x.Id);
                table.ForeignKey("FK_PortalUsers_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_PortalUsers_TenantId_Email", table: "PortalUsers", columns: ["TenantId", "Email"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_PortalUsers_TenantId_Id", table: "PortalUsers", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "PortalTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Purpose = table.Column<string>(maxLength: 20, nullable: false),
                TokenHash = table.Column<string>(maxLength: 100, nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: false),
                ContactId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                UsedAt = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PortalTokens", x => x.Id);
                table.ForeignKey("FK_PortalTokens_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_PortalTokens_PortalContacts_ContactId", x => x.ContactId, "PortalContacts", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_PortalTokens_TokenHash", table: "PortalTokens", column: "TokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PortalTokens_TenantId_Email_Purpose_CreatedAt", table: "PortalTokens", columns: ["TenantId", "Email", "Purpose", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_PortalTokens_ExpiresAt", table: "PortalTokens", column: "ExpiresAt");
        migrationBuilder.CreateIndex(name: "IX_PortalTokens_ContactId", table: "PortalTokens", column: "ContactId");
        migrationBuilder.CreateIndex(name: "IX_PortalTokens_TenantId_Id", table: "PortalTokens", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "PortalSessions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: true),
                LinkCustomerId = table.Column<Guid>(nullable: true),
                Method = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                LastRefreshedAt = table.Column<DateTimeOffset>(nullable: true),
                EndedAt = table.Column<long>(nullable: true),
                EndReason = table.Column<string>(maxLength: 30, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PortalSessions", x => x.Id);
                table.ForeignKey("FK_PortalSessions_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_PortalSessions_PortalUsers_UserId", x => x.UserId, "PortalUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_PortalSessions_Customers_LinkCustomerId", x => x.LinkCustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_PortalSessions_UserId", table: "PortalSessions", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_PortalSessions_LinkCustomerId", table: "PortalSessions", column: "LinkCustomerId");
        migrationBuilder.CreateIndex(name: "IX_PortalSessions_ExpiresAt", table: "PortalSessions", column: "ExpiresAt");
        migrationBuilder.CreateIndex(name: "IX_PortalSessions_TenantId_Id", table: "PortalSessions", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "RefreshTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                SessionId = table.Column<Guid>(nullable: false),
                TokenHash = table.Column<string>(maxLength: 100, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                UsedAt = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RefreshTokens", x => x.Id);
                table.ForeignKey("FK_RefreshTokens_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_RefreshTokens_PortalSessions_SessionId", x => x.SessionId, "PortalSessions", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_RefreshTokens_TokenHash", table: "RefreshTokens", column: "TokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_RefreshTokens_SessionId", table: "RefreshTokens", column: "SessionId");
        migrationBuilder.CreateIndex(name: "IX_RefreshTokens_ExpiresAt", table: "RefreshTokens", column: "ExpiresAt");
        migrationBuilder.CreateIndex(name: "IX_RefreshTokens_TenantId_Id", table: "RefreshTokens", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "CustomerPortalLinks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                TokenHash = table.Column<string>(maxLength: 100, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: false),
                RevokedAt = table.Column<DateTimeOffset>(nullable: true),
                FailedAttempts = table.Column<int>(nullable: false),
                LockedUntil = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CustomerPortalLinks", x => x.Id);
                table.ForeignKey("FK_CustomerPortalLinks_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CustomerPortalLinks_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_CustomerPortalLinks_TokenHash", table: "CustomerPortalLinks", column: "TokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_CustomerPortalLinks_CustomerId", table: "CustomerPortalLinks", column: "CustomerId");
        migrationBuilder.CreateIndex(name: "IX_CustomerPortalLinks_TenantId_Id", table: "CustomerPortalLinks", columns: ["TenantId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CustomerPortalLinks");
        migrationBuilder.DropTable(name: "RefreshTokens");
        migrationBuilder.DropTable(name: "PortalSessions");
        migrationBuilder.DropTable(name: "PortalTokens");
        migrationBuilder.DropTable(name: "PortalUsers");
        migrationBuilder.DropColumn(name: "PortalAccessRevokedAt", table: "PortalContacts");
        migrationBuilder.DropColumn(name: "InvitedAt", table: "PortalContacts");
    }
}

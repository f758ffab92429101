using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Front-end apps of a tenant (authorization code + PKCE), and the token server's tables (OpenIddict's schema):
/// applications mirror API clients and front-end apps, authorizations
/// and tokens record authorization codes and refresh tokens so that each is redeemed once and a reuse revokes the rest.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261205100000_TokenServer")]
public sealed class TokenServer : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // EF shortens names past PostgreSQL's 63 characters by cutting them and appending "~"; SQLite keeps them whole.
        var authorizationApplicationKey = migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL"
            ? "FK_OpenIddictAuthorizations_OpenIddictApplications_Application~"
            : "FK_OpenIddictAuthorizations_OpenIddictApplications_ApplicationId";

        migrationBuilder.CreateTable(
            name: "OpenIddictApplications",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ApplicationType = table.Column<string>(maxLength: 50, nullable: true),
                ClientId = table.Column<string>(maxLength: 100, nullable: true),
                ClientSecret = table.Column<string>(nullable: true),
                ClientType = table.Column<string>(maxLength: 50, nullable: true),
                ConcurrencyToken = table.Column<string>(maxLength: 50, nullable: true),
                ConsentType = table.Column<string>(maxLength: 50, nullable: true),
                DisplayName = table.Column<string>(nullable: true),
                DisplayNames = table.Column<string>(nullable: true),
                JsonWebKeySet = table.Column<string>(nullable: true),
                Permissions = table.Column<string>(nullable: true),
                PostLogoutRedirectUris = table.Column<string>(nullable: true),
                Properties = table.Column<string>(nullable: true),
                RedirectUris = table.Column<string>(nullable: true),
                Requirements = table.Column<string>(nullable: true),
                Settings = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_OpenIddictApplications", x => x.Id));

        migrationBuilder.CreateTable(
            name: "OpenIddictScopes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ConcurrencyToken = table.Column<string>(maxLength: 50, nullable: true),
                Description = table.Column<string>(nullable: true),
                Descriptions = table.Column<string>(nullable: true),
                DisplayName = table.Column<string>(nullable: true),
                DisplayNames = table.Column<string>(nullable: true),
                Name = table.Column<string>(maxLength: 200, nullable: true),
                Properties = table.Column<string>(nullable: true),
                Resources = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_OpenIddictScopes", x => x.Id));

        migrationBuilder.CreateTable(
            name: "OpenIddictAuthorizations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: true),
                ConcurrencyToken = table.Column<string>(maxLength: 50, nullable: true),
                CreationDate = table.Column<DateTime>(nullable: true),
                Properties = table.Column<string>(nullable: true),
                Scopes = table.Column<string>(nullable: true),
                Status = table.Column<string>(maxLength: 50, nullable: true),
                Subject = table.Column<string>(maxLength: 400, nullable: true),
                Type = table.Column<string>(maxLength: 50, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OpenIddictAuthorizations", x => x.Id);
                table.ForeignKey(authorizationApplicationKey, x => x.ApplicationId, "OpenIddictApplications", "Id");
            });

        migrationBuilder.CreateTable(
            name: "OpenIddictTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: true),
                AuthorizationId = table.Column<Guid>(nullable: true),
                ConcurrencyToken = table.Column<string>(maxLength: 50, nullable: true),
                CreationDate = table.Column<DateTime>(nullable: true),
                ExpirationDate = table.Column<DateTime>(nullable: true),
                Payload = table.Column<string>(nullable: true),
                Properties = table.Column<string>(nullable: true),
                RedemptionDate = table.Column<DateTime>(nullable: true),
                ReferenceId = table.Column<string>(maxLength: 100, nullable: true),
                Status = table.Column<string>(maxLength: 50, nullable: true),
                Subject = table.Column<string>(maxLength: 400, nullable: true),
                Type = table.Column<string>(maxLength: 150, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OpenIddictTokens", x => x.Id);
                table.ForeignKey("FK_OpenIddictTokens_OpenIddictApplications_ApplicationId", x => x.ApplicationId, "OpenIddictApplications", "Id");
                table.ForeignKey("FK_OpenIddictTokens_OpenIddictAuthorizations_AuthorizationId", x => x.AuthorizationId, "OpenIddictAuthorizations", "Id");
            });

        migrationBuilder.CreateTable(
            name: "OAuthApps",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                ClientId = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                RedirectUris = table.Column<string>(maxLength: 24000, nullable: false),
                AllowedOrigins = table.Column<string>(maxLength: 8000, nullable: false),
                SecretHash = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OAuthApps", x => x.Id);
                table.ForeignKey("FK_OAuthApps_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_OAuthApps_ClientId", table: "OAuthApps", column: "ClientId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_OAuthApps_TenantId_Id", table: "OAuthApps", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateIndex(name: "IX_OpenIddictApplications_ClientId", table: "OpenIddictApplications", column: "ClientId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type", table: "OpenIddictAuthorizations", columns: ["ApplicationId", "Status", "Subject", "Type"]);
        migrationBuilder.CreateIndex(name: "IX_OpenIddictScopes_Name", table: "OpenIddictScopes", column: "Name", unique: true);
        migrationBuilder.CreateIndex(name: "IX_OpenIddictTokens_ApplicationId_Status_Subject_Type", table: "OpenIddictTokens", columns: ["ApplicationId", "Status", "Subject", "Type"]);
        migrationBuilder.CreateIndex(name: "IX_OpenIddictTokens_AuthorizationId", table: "OpenIddictTokens", column: "AuthorizationId");
        migrationBuilder.CreateIndex(name: "IX_OpenIddictTokens_ReferenceId", table: "OpenIddictTokens", column: "ReferenceId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "OAuthApps");
        migrationBuilder.DropTable(name: "OpenIddictScopes");
        migrationBuilder.DropTable(name: "OpenIddictTokens");
        migrationBuilder.DropTable(name: "OpenIddictAuthorizations");
        migrationBuilder.DropTable(name: "OpenIddictApplications");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Tenants. Migrations are written by hand (EF's design-time tooling is not available to us) and use
/// no provider-specific column types, so each provider maps CLR types itself; SchemaMatchesModelTests
/// proves the result equals the model on SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261121000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Tenants",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Slug = table.Column<string>(maxLength: 63, nullable: false),
                HostName = table.Column<string>(maxLength: 63, nullable: false),
                DisplayName = table.Column<string>(maxLength: 80, nullable: false),
                LogoUrl = table.Column<string>(maxLength: 2048, nullable: true),
                PrimaryColor = table.Column<string>(maxLength: 7, nullable: true),
                Phone = table.Column<string>(maxLength: 16, nullable: true),
                Email = table.Column<string>(maxLength: 254, nullable: true),
                TimeZone = table.Column<string>(maxLength: 64, nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Tenants", x => x.Id));

        migrationBuilder.CreateIndex(name: "IX_Tenants_HostName", table: "Tenants", column: "HostName", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Tenants_Slug", table: "Tenants", column: "Slug", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "Tenants");
}

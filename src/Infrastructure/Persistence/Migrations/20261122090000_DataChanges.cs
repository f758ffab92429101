using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>The change feed: which tenant's records each committed save changed, read by every process's caches.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122090000_DataChanges")]
public sealed class DataChanges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DataChanges",
            columns: table => new
            {
                Seq = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                TenantId = table.Column<Guid>(nullable: false),
                Source = table.Column<Guid>(nullable: false),
                RecordedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DataChanges", x => x.Seq));
        migrationBuilder.CreateIndex(name: "IX_DataChanges_RecordedAt", table: "DataChanges", column: "RecordedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "DataChanges");
}

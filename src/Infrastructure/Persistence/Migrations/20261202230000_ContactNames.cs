using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>The name of the person a portal contact is, so the portal's emails greet each recipient by their own name.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261202230000_ContactNames")]
public sealed class ContactNames : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Name", table: "PortalContacts", maxLength: 200, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "Name", table: "PortalContacts");
}

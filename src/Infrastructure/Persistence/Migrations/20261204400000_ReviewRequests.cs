using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>The portal settings' review requests: by text (beside the milestone texts) and by email; both off until an admin turns them on.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261204400000_ReviewRequests")]
public sealed class ReviewRequests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "SmsReviewRequest", table: "PortalSettings", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<bool>(name: "EmailReviewRequest", table: "PortalSettings", nullable: false, defaultValue: false);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "EmailReviewRequest", table: "PortalSettings");
        migrationBuilder.DropColumn(name: "SmsReviewRequest", table: "PortalSettings");
    }
}

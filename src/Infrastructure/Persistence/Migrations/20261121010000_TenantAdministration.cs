using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>API clients, signing keys, portal settings, business units, sender numbers, publishable keys, audit events.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261121010000_TenantAdministration")]
public sealed class TenantAdministration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SigningKeys",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Kid = table.Column<string>(maxLength: 64, nullable: false),
                Algorithm = table.Column<string>(maxLength: 10, nullable: false),
                PrivateKey = table.Column<string>(maxLength: 512, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                RetiredAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_SigningKeys", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_SigningKeys_Kid", table: "SigningKeys", column: "Kid", unique: true);

        migrationBuilder.CreateTable(
            name: "ApiClients",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                ClientId = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Role = table.Column<string>(maxLength: 20, nullable: false),
                SecretHash = table.Column<string>(maxLength: 128, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                SecretRotatedAt = table.Column<DateTimeOffset>(nullable: false),
                RevokedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiClients", x => x.Id);
                table.ForeignKey("FK_ApiClients_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_ApiClients_ClientId", table: "ApiClients", column: "ClientId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_ApiClients_TenantId_Id", table: "ApiClients", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "PortalSettings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Enabled = table.Column<bool>(nullable: false),
                LegalAgreementVersion = table.Column<string>(maxLength: 32, nullable: true),
                LegalAgreementAcceptedAt = table.Column<DateTimeOffset>(nullable: true),
                LegalAgreementAcceptedBy = table.Column<string>(maxLength: 64, nullable: true),
                AppointmentTimeDisplay = table.Column<string>(maxLength: 20, nullable: false),
                VisibleAgreementStatuses = table.Column<string>(maxLength: 200, nullable: false),
                VisibleBusinessUnitIds = table.Column<string>(maxLength: 24000, nullable: false),
                SignInMethods = table.Column<string>(maxLength: 100, nullable: false),
                OnlinePaymentsEnabled = table.Column<bool>(nullable: false),
                Version = table.Column<int>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
                InvoicePayment = table.Column<bool>(nullable: false),
                PartialPayments = table.Column<bool>(nullable: false),
                SavedPaymentMethods = table.Column<bool>(nullable: false),
                EstimateApproval = table.Column<bool>(nullable: false),
                ReviewCollection = table.Column<bool>(nullable: false),
                JobBooking = table.Column<bool>(nullable: false),
                SelfScheduling = table.Column<bool>(nullable: false),
                ShowCanceledJobs = table.Column<bool>(nullable: false),
                ShowUnscheduledAgreementVisits = table.Column<bool>(nullable: false),
                BrandingDisplayName = table.Column<string>(maxLength: 80, nullable: true),
                BrandingLogoUrl = table.Column<string>(maxLength: 2048, nullable: true),
                BrandingPrimaryColor = table.Column<string>(maxLength: 7, nullable: true),
                SmsJobBooked = table.Column<bool>(nullable: false),
                SmsTechnicianDispatched = table.Column<bool>(nullable: false),
                SmsTechnicianEnRoute = table.Column<bool>(nullable: false),
                SmsWorkComplete = table.Column<bool>(nullable: false),
                SmsInvoiceSent = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PortalSettings", x => x.Id);
                table.ForeignKey("FK_PortalSettings_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_PortalSettings_TenantId", table: "PortalSettings", column: "TenantId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PortalSettings_TenantId_Id", table: "PortalSettings", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "BusinessUnits",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Active = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BusinessUnits", x => x.Id);
                table.ForeignKey("FK_BusinessUnits_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_BusinessUnits_TenantId_ExternalId", table: "BusinessUnits", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_BusinessUnits_TenantId_Id", table: "BusinessUnits", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "SenderPhoneNumbers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Number = table.Column<string>(maxLength: 16, nullable: false),
                Label = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SenderPhoneNumbers", x => x.Id);
                table.ForeignKey("FK_SenderPhoneNumbers_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_SenderPhoneNumbers_TenantId_Number", table: "SenderPhoneNumbers", columns: ["TenantId", "Number"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_SenderPhoneNumbers_TenantId_Id", table: "SenderPhoneNumbers", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "PublishableKeys",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                AllowedOrigins = table.Column<string>(maxLength: 8000, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                RevokedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PublishableKeys", x => x.Id);
                table.ForeignKey("FK_PublishableKeys_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_PublishableKeys_Key", table: "PublishableKeys", column: "Key", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PublishableKeys_TenantId_Id", table: "PublishableKeys", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "AuditEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Actor = table.Column<string>(maxLength: 100, nullable: false),
                Action = table.Column<string>(maxLength: 100, nullable: false),
                Target = table.Column<string>(maxLength: 200, nullable: false),
                Before = table.Column<string>(nullable: true),
                After = table.Column<string>(nullable: true),
                OccurredAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEvents", x => x.Id);
                table.ForeignKey("FK_AuditEvents_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_AuditEvents_TenantId_Action_Id", table: "AuditEvents", columns: ["TenantId", "Action", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_AuditEvents_TenantId_Id", table: "AuditEvents", columns: ["TenantId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "AuditEvents", "PublishableKeys", "SenderPhoneNumbers", "BusinessUnits", "PortalSettings", "ApiClients", "SigningKeys" })
        {
            migrationBuilder.DropTable(name: table);
        }
    }
}

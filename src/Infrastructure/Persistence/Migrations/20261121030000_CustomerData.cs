using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The rest of the synced customer data: locations, portal contacts, technicians, job types, jobs,
/// appointments, invoices, proposals, equipment, agreements and memberships.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261121030000_CustomerData")]
public sealed class CustomerData : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Locations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Address = table.Column<string>(maxLength: 1000, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                CustomerExternalId = table.Column<string>(maxLength: 100, nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: true),
                TenantId = table.Column<Guid>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Locations", x => x.Id);
                table.ForeignKey("FK_Locations_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Locations_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Locations_CustomerId", table: "Locations", columns: ["CustomerId"]);
        migrationBuilder.CreateIndex(name: "IX_Locations_TenantId_ExternalId", table: "Locations", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Locations_TenantId_Id", table: "Locations", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "PortalContacts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccessLevel = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                CustomerExternalId = table.Column<string>(maxLength: 100, nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                Email = table.Column<string>(maxLength: 254, nullable: false),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                Memo = table.Column<string>(maxLength: 2000, nullable: true),
                TenantId = table.Column<Guid>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PortalContacts", x => x.Id);
                table.ForeignKey("FK_PortalContacts_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_PortalContacts_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_PortalContacts_CustomerId", table: "PortalContacts", columns: ["CustomerId"]);
        migrationBuilder.CreateIndex(name: "IX_PortalContacts_TenantId_Email", table: "PortalContacts", columns: ["TenantId", "Email"]);
        migrationBuilder.CreateIndex(name: "IX_PortalContacts_TenantId_ExternalId", table: "PortalContacts", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_PortalContacts_TenantId_Id", table: "PortalContacts", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "Technicians",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                DisplayName = table.Column<string>(maxLength: 100, nullable: false),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                PhotoUrl = table.Column<string>(maxLength: 2048, nullable: true),
                TenantId = table.Column<Guid>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Technicians", x => x.Id);
                table.ForeignKey("FK_Technicians_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Technicians_TenantId_ExternalId", table: "Technicians", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Technicians_TenantId_Id", table: "Technicians", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "JobTypes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_JobTypes", x => x.Id);
                table.ForeignKey("FK_JobTypes_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_JobTypes_TenantId_ExternalId", table: "JobTypes", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_JobTypes_TenantId_Id", table: "JobTypes", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "Jobs",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                BusinessUnitExternalId = table.Column<string>(maxLength: 100, nullable: true),
                BusinessUnitId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                CustomerExternalId = table.Column<string>(maxLength: 100, nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                InternalNotes = table.Column<string>(maxLength: 8000, nullable: true),
                JobTypeExternalId = table.Column<string>(maxLength: 100, nullable: true),
                JobTypeId = table.Column<Guid>(nullable: true),
                LocationExternalId = table.Column<string>(maxLength: 100, nullable: false),
                LocationId = table.Column<Guid>(nullable: false),
                Number = table.Column<string>(maxLength: 50, nullable: false),
                ProjectReference = table.Column<string>(maxLength: 100, nullable: true),
                Summary = table.Column<string>(maxLength: 4000, nullable: true),
                TenantId = table.Column<Guid>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Jobs", x => x.Id);
                table.ForeignKey("FK_Jobs_BusinessUnits_BusinessUnitId", x => x.BusinessUnitId, "BusinessUnits", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Jobs_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Jobs_JobTypes_JobTypeId", x => x.JobTypeId, "JobTypes", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Jobs_Locations_LocationId", x => x.LocationId, "Locations", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Jobs_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Jobs_BusinessUnitId", table: "Jobs", columns: ["BusinessUnitId"]);
        migrationBuilder.CreateIndex(name: "IX_Jobs_CustomerId", table: "Jobs", columns: ["CustomerId"]);
        migrationBuilder.CreateIndex(name: "IX_Jobs_JobTypeId", table: "Jobs", columns: ["JobTypeId"]);
        migrationBuilder.CreateIndex(name: "IX_Jobs_LocationId", table: "Jobs", columns: ["LocationId"]);
        migrationBuilder.CreateIndex(name: "IX_Jobs_TenantId_ExternalId", table: "Jobs", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Jobs_TenantId_Id", table: "Jobs", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "Appointments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ArrivalWindowEnd = table.Column<DateTimeOffset>(nullable: true),
                ArrivalWindowStart = table.Column<DateTimeOffset>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                End = table.Column<DateTimeOffset>(nullable: false),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                JobExternalId = table.Column<string>(maxLength: 100, nullable: false),
                JobId = table.Column<Guid>(nullable: false),
                Start = table.Column<DateTimeOffset>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                Technicians = table.Column<string>(maxLength: 4000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Appointments", x => x.Id);
                table.ForeignKey("FK_Appointments_Jobs_JobId", x => x.JobId, "Jobs", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Appointments_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Appointments_JobId", table: "Appointments", columns: ["JobId"]);
        migrationBuilder.CreateIndex(name: "IX_Appointments_TenantId_ExternalId", table: "Appointments", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Appointments_TenantId_Id", table: "Appointments", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "Invoices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Balance = table.Column<long>(nullable: false),
                BillToExternalId = table.Column<string>(maxLength: 100, nullable: false),
                BillToId = table.Column<Guid>(nullable: false),
                BusinessUnitExternalId = table.Column<string>(maxLength: 100, nullable: true),
                BusinessUnitId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                DueDate = table.Column<DateOnly>(nullable: true),
                EverHadBalance = table.Column<bool>(nullable: false),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                IssueDate = table.Column<DateOnly>(nullable: false),
                JobExternalId = table.Column<string>(maxLength: 100, nullable: true),
                JobId = table.Column<Guid>(nullable: true),
                LocationExternalId = table.Column<string>(maxLength: 100, nullable: true),
                LocationId = table.Column<Guid>(nullable: true),
                Number = table.Column<string>(maxLength: 50, nullable: false),
                Subtotal = table.Column<long>(nullable: false),
                Summary = table.Column<string>(maxLength: 4000, nullable: true),
                Tax = table.Column<long>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Total = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                Lines = table.Column<string>(maxLength: 400000, nullable: false),
                Payments = table.Column<string>(maxLength: 40000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Invoices", x => x.Id);
                table.ForeignKey("FK_Invoices_Customers_BillToId", x => x.BillToId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Invoices_BusinessUnits_BusinessUnitId", x => x.BusinessUnitId, "BusinessUnits", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Invoices_Jobs_JobId", x => x.JobId, "Jobs", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Invoices_Locations_LocationId", x => x.LocationId, "Locations", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Invoices_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Invoices_BillToId", table: "Invoices", columns: ["BillToId"]);
        migrationBuilder.CreateIndex(name: "IX_Invoices_BusinessUnitId", table: "Invoices", columns: ["BusinessUnitId"]);
        migrationBuilder.CreateIndex(name: "IX_Invoices_JobId", table: "Invoices", columns: ["JobId"]);
        migrationBuilder.CreateIndex(name: "IX_Invoices_LocationId", table: "Invoices", columns: ["LocationId"]);
        migrationBuilder.CreateIndex(name: "IX_Invoices_TenantId_ExternalId", table: "Invoices", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Invoices_TenantId_Id", table: "Invoices", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "Proposals",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                CustomerExternalId = table.Column<string>(maxLength: 100, nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                FinancingOfferUrl = table.Column<string>(maxLength: 2048, nullable: true),
                JobExternalId = table.Column<string>(maxLength: 100, nullable: true),
                JobId = table.Column<Guid>(nullable: true),
                LocationExternalId = table.Column<string>(maxLength: 100, nullable: true),
                LocationId = table.Column<Guid>(nullable: true),
                Number = table.Column<string>(maxLength: 50, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Summary = table.Column<string>(maxLength: 4000, nullable: true),
                TenantId = table.Column<Guid>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                Options = table.Column<string>(maxLength: 400000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Proposals", x => x.Id);
                table.ForeignKey("FK_Proposals_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Proposals_Jobs_JobId", x => x.JobId, "Jobs", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Proposals_Locations_LocationId", x => x.LocationId, "Locations", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Proposals_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Proposals_CustomerId", table: "Proposals", columns: ["CustomerId"]);
        migrationBuilder.CreateIndex(name: "IX_Proposals_JobId", table: "Proposals", columns: ["JobId"]);
        migrationBuilder.CreateIndex(name: "IX_Proposals_LocationId", table: "Proposals", columns: ["LocationId"]);
        migrationBuilder.CreateIndex(name: "IX_Proposals_TenantId_ExternalId", table: "Proposals", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Proposals_TenantId_Id", table: "Proposals", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "Equipment",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                InstalledOn = table.Column<DateOnly>(nullable: true),
                LocationExternalId = table.Column<string>(maxLength: 100, nullable: false),
                LocationId = table.Column<Guid>(nullable: false),
                Manufacturer = table.Column<string>(maxLength: 100, nullable: true),
                ManufacturerWarranty = table.Column<string>(maxLength: 4000, nullable: true),
                Model = table.Column<string>(maxLength: 100, nullable: true),
                Serial = table.Column<string>(maxLength: 100, nullable: true),
                ServiceWarranty = table.Column<string>(maxLength: 4000, nullable: true),
                TenantId = table.Column<Guid>(nullable: false),
                Type = table.Column<string>(maxLength: 100, nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                Jobs = table.Column<string>(maxLength: 100000, nullable: false),
                Proposals = table.Column<string>(maxLength: 100000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Equipment", x => x.Id);
                table.ForeignKey("FK_Equipment_Locations_LocationId", x => x.LocationId, "Locations", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Equipment_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Equipment_LocationId", table: "Equipment", columns: ["LocationId"]);
        migrationBuilder.CreateIndex(name: "IX_Equipment_TenantId_ExternalId", table: "Equipment", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Equipment_TenantId_Id", table: "Equipment", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Equipment_TenantId_Serial", table: "Equipment", columns: ["TenantId", "Serial"]);

        migrationBuilder.CreateTable(
            name: "Agreements",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                CustomerExternalId = table.Column<string>(maxLength: 100, nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                EndDate = table.Column<DateOnly>(nullable: true),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                StartDate = table.Column<DateOnly>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                Equipment = table.Column<string>(maxLength: 100000, nullable: false),
                Invoices = table.Column<string>(maxLength: 100000, nullable: false),
                Visits = table.Column<string>(maxLength: 100000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Agreements", x => x.Id);
                table.ForeignKey("FK_Agreements_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Agreements_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Agreements_CustomerId", table: "Agreements", columns: ["CustomerId"]);
        migrationBuilder.CreateIndex(name: "IX_Agreements_TenantId_ExternalId", table: "Agreements", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Agreements_TenantId_Id", table: "Agreements", columns: ["TenantId", "Id"]);

        migrationBuilder.CreateTable(
            name: "Memberships",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                CustomerExternalId = table.Column<string>(maxLength: 100, nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                EndDate = table.Column<DateOnly>(nullable: true),
                ExternalId = table.Column<string>(maxLength: 100, nullable: false),
                StartDate = table.Column<DateOnly>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Type = table.Column<string>(maxLength: 200, nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                Equipment = table.Column<string>(maxLength: 100000, nullable: false),
                Invoices = table.Column<string>(maxLength: 100000, nullable: false),
                Visits = table.Column<string>(maxLength: 100000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Memberships", x => x.Id);
                table.ForeignKey("FK_Memberships_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Memberships_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Memberships_CustomerId", table: "Memberships", columns: ["CustomerId"]);
        migrationBuilder.CreateIndex(name: "IX_Memberships_TenantId_ExternalId", table: "Memberships", columns: ["TenantId", "ExternalId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Memberships_TenantId_Id", table: "Memberships", columns: ["TenantId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "Memberships", "Agreements", "Equipment", "Proposals", "Invoices", "Appointments", "Jobs", "JobTypes", "Technicians", "PortalContacts", "Locations" })
        {
            migrationBuilder.DropTable(name: table);
        }
    }
}

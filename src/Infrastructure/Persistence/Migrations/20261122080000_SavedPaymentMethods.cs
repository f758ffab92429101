using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeadlessPortal.Infrastructure.Persistence.Migrations;

/// <summary>Saved payment methods: customers at the payment provider (holding the primary), their saved methods, and the history of changes.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122080000_SavedPaymentMethods")]
public sealed class SavedPaymentMethods : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ProviderCustomers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                ProviderAccountId = table.Column<string>(maxLength: 100, nullable: false),
                ProviderCustomerId = table.Column<string>(maxLength: 255, nullable: false),
                PrimaryPaymentMethodId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProviderCustomers", x => x.Id);
                table.ForeignKey("FK_ProviderCustomers_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ProviderCustomers_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(
            name: "IX_ProviderCustomers_TenantId_CustomerId_ProviderAccountId", table: "ProviderCustomers",
            columns: ["TenantId", "CustomerId", "ProviderAccountId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_ProviderCustomers_TenantId_Id", table: "ProviderCustomers", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_ProviderCustomers_CustomerId", table: "ProviderCustomers", column: "CustomerId");

        migrationBuilder.CreateTable(
            name: "SavedPaymentMethods",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                ProviderAccountId = table.Column<string>(maxLength: 100, nullable: false),
                ProviderCustomerId = table.Column<string>(maxLength: 255, nullable: false),
                ProviderPaymentMethodId = table.Column<string>(maxLength: 255, nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                Brand = table.Column<string>(maxLength: 30, nullable: true),
                Last4 = table.Column<string>(maxLength: 4, nullable: true),
                ExpMonth = table.Column<int>(nullable: true),
                ExpYear = table.Column<int>(nullable: true),
                BankName = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                RemovedAt = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SavedPaymentMethods", x => x.Id);
                table.ForeignKey("FK_SavedPaymentMethods_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_SavedPaymentMethods_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(
            name: Configurations.SavedPaymentMethodNames.CustomerMethodIndex, table: "SavedPaymentMethods",
            columns: ["TenantId", "CustomerId", "ProviderPaymentMethodId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_SavedPaymentMethods_TenantId_Id", table: "SavedPaymentMethods", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_SavedPaymentMethods_CustomerId", table: "SavedPaymentMethods", column: "CustomerId");

        migrationBuilder.CreateTable(
            name: "PaymentMethodHistory",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                SavedPaymentMethodId = table.Column<Guid>(nullable: false),
                Action = table.Column<string>(maxLength: 20, nullable: false),
                Summary = table.Column<string>(maxLength: 150, nullable: false),
                Actor = table.Column<string>(maxLength: 200, nullable: false),
                At = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PaymentMethodHistory", x => x.Id);
                table.ForeignKey("FK_PaymentMethodHistory_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_PaymentMethodHistory_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    Configurations.SavedPaymentMethodNames.HistoryMethodForeignKey, x => x.SavedPaymentMethodId, "SavedPaymentMethods", "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_PaymentMethodHistory_TenantId_CustomerId_Id", table: "PaymentMethodHistory", columns: ["TenantId", "CustomerId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_PaymentMethodHistory_TenantId_Id", table: "PaymentMethodHistory", columns: ["TenantId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_PaymentMethodHistory_CustomerId", table: "PaymentMethodHistory", column: "CustomerId");
        migrationBuilder.CreateIndex(name: "IX_PaymentMethodHistory_SavedPaymentMethodId", table: "PaymentMethodHistory", column: "SavedPaymentMethodId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "PaymentMethodHistory");
        migrationBuilder.DropTable(name: "SavedPaymentMethods");
        migrationBuilder.DropTable(name: "ProviderCustomers");
    }
}

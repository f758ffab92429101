using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class ProviderCustomerConfiguration : IEntityTypeConfiguration<ProviderCustomer>
{
    public void Configure(EntityTypeBuilder<ProviderCustomer> builder)
    {
        builder.ToTable("ProviderCustomers");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.ProviderAccountId).HasMaxLength(PaymentAccount.AccountIdMaxLength).IsRequired();
        builder.Property(p => p.ProviderCustomerId).HasMaxLength(ProviderCustomer.ProviderIdMaxLength).IsRequired();
        builder.Property(p => p.CreatedAt).AsNumber();
        builder.Property(p => p.UpdatedAt).AsNumber();

        // One provider customer per customer and payment account: two concurrent first setups cannot both insert.
        builder.HasIndex(p => new { p.TenantId, p.CustomerId, p.ProviderAccountId }).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedPaymentMethodConfiguration : IEntityTypeConfiguration<SavedPaymentMethod>
{
    public void Configure(EntityTypeBuilder<SavedPaymentMethod> builder)
    {
        builder.ToTable("SavedPaymentMethods");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ProviderAccountId).HasMaxLength(PaymentAccount.AccountIdMaxLength).IsRequired();
        builder.Property(m => m.ProviderCustomerId).HasMaxLength(SavedPaymentMethod.ProviderIdMaxLength).IsRequired();
        builder.Property(m => m.ProviderPaymentMethodId).HasMaxLength(SavedPaymentMethod.ProviderIdMaxLength).IsRequired();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(m => m.Brand).HasMaxLength(PaymentMethodDisplay.BrandMaxLength);
        builder.Property(m => m.Last4).HasMaxLength(PaymentMethodDisplay.Last4Length);
        builder.Property(m => m.BankName).HasMaxLength(PaymentMethodDisplay.BankNameMaxLength);
        builder.Property(m => m.CreatedAt).AsNumber();
        builder.Property(m => m.RemovedAt).AsNumber();
        builder.Ignore(m => m.IsDescribed);
        builder.Ignore(m => m.Summary);

        // A payment method is saved once per customer, removed or not: a webhook arriving after the customer removed it
        // finds it and saves nothing. The index is also the customer's range for lists.
        builder.HasIndex(m => new { m.TenantId, m.CustomerId, m.ProviderPaymentMethodId }, SavedPaymentMethodNames.CustomerMethodIndex).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaymentMethodHistoryEntryConfiguration : IEntityTypeConfiguration<PaymentMethodHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PaymentMethodHistoryEntry> builder)
    {
        builder.ToTable("PaymentMethodHistory");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(e => e.Summary).HasMaxLength(PaymentMethodHistoryEntry.SummaryMaxLength).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(PaymentMethodHistoryEntry.ActorMaxLength).IsRequired();
        builder.Property(e => e.At).AsNumber();

        // The office reads one customer's history newest first: one index range per page.
        builder.HasIndex(e => new { e.TenantId, e.CustomerId, e.Id });
        builder.HasIndex(e => e.SavedPaymentMethodId);
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SavedPaymentMethod>().WithMany().HasForeignKey(e => e.SavedPaymentMethodId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName(SavedPaymentMethodNames.HistoryMethodForeignKey);
    }
}

/// <summary>Names longer than PostgreSQL's 63 characters, shortened here and in the migration alike.</summary>
internal static class SavedPaymentMethodNames
{
    public const string HistoryMethodForeignKey = "FK_PaymentMethodHistory_SavedPaymentMethods";
    public const string CustomerMethodIndex = "IX_SavedPaymentMethods_TenantId_CustomerId_PaymentMethod";
}

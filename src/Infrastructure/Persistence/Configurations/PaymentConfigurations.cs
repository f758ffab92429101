using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class PaymentAccountConfiguration : IEntityTypeConfiguration<PaymentAccount>
{
    public void Configure(EntityTypeBuilder<PaymentAccount> builder)
    {
        builder.ToTable("PaymentAccounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ProviderAccountId).HasMaxLength(PaymentAccount.AccountIdMaxLength).IsRequired();
        builder.HasIndex(a => a.TenantId).IsUnique();

        // Provider webhooks find their tenant by the account: one account, one tenant.
        builder.HasIndex(a => a.ProviderAccountId).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Currency).HasMaxLength(Domain.Common.CurrencyCode.Length).IsRequired();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(p => p.MethodKind).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(p => p.Channel).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(p => p.ProviderPaymentMethodId).HasMaxLength(Payment.ProviderIdMaxLength).IsRequired();
        builder.Property(p => p.ProviderCustomerId).HasMaxLength(Payment.ProviderIdMaxLength);
        builder.Property(p => p.ProviderPaymentIntentId).HasMaxLength(Payment.ProviderIdMaxLength);
        builder.Property(p => p.ClientSecret).HasMaxLength(Payment.ProviderIdMaxLength);
        builder.Property(p => p.Failure).HasJsonValue("Failure", 2000);
        builder.Property(p => p.AchAuthorization).HasJsonValue("AchAuthorization", 6000);
        builder.Property(p => p.IdempotencyScope).HasMaxLength(Payment.KeyMaxLength).IsRequired();
        builder.Property(p => p.IdempotencyKey).HasMaxLength(Payment.KeyMaxLength).IsRequired();
        builder.Property(p => p.RequestHash).HasMaxLength(100).IsRequired();
        builder.Property(p => p.ReceiptEmail).HasMaxLength(Domain.Common.ContactRules.EmailMaxLength);
        builder.Property(p => p.ClientIp).HasMaxLength(Payment.ClientIpMaxLength);
        builder.HasJsonList<Payment, PaymentAllocation>("_allocations", "Allocations", 40_000);
        builder.Ignore(p => p.Allocations);
        builder.Ignore(p => p.IsFinal);
        builder.Property(p => p.CreatedAt).AsNumber();
        builder.Property(p => p.UpdatedAt).AsNumber();
        builder.Property(p => p.CompletedAt).AsNumber();
        builder.Property(p => p.Version).IsConcurrencyToken();

        // A replayed request finds its payment; two requests with one key cannot both insert.
        builder.HasIndex(p => new { p.TenantId, p.IdempotencyScope, p.IdempotencyKey }).IsUnique();
        builder.HasIndex(p => new { p.TenantId, p.ProviderPaymentIntentId });
        builder.HasIndex(p => new { p.TenantId, p.CustomerId, p.Id });

        // The failed-payment limits: recent payments from one address (per payer and per customer use the indexes above).
        builder.HasIndex(p => new { p.TenantId, p.ClientIp, p.CreatedAt });

        // The office's list filtered by status, newest first.
        builder.HasIndex(p => new { p.TenantId, p.Status, p.Id });

        // The recovery job's scan across tenants: payments still in flight, oldest change first.
        builder.HasIndex(p => new { p.Status, p.UpdatedAt });
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProcessedWebhookEventConfiguration : IEntityTypeConfiguration<ProcessedWebhookEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedWebhookEvent> builder)
    {
        builder.ToTable("ProcessedWebhookEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Provider).HasMaxLength(20).IsRequired();
        builder.Property(e => e.EventId).HasMaxLength(ProcessedWebhookEvent.EventIdMaxLength).IsRequired();
        builder.Property(e => e.Type).HasMaxLength(ProcessedWebhookEvent.TypeMaxLength).IsRequired();
        builder.Property(e => e.ProcessedAt).AsNumber();
        builder.HasIndex(e => new { e.Provider, e.EventId }).IsUnique();
        builder.HasIndex(e => new { e.TenantId, e.ProcessedAt });
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

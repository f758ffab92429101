using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class PaymentLinkConfiguration : IEntityTypeConfiguration<PaymentLink>
{
    public void Configure(EntityTypeBuilder<PaymentLink> builder)
    {
        builder.ToTable("PaymentLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.InvoiceExternalId).HasMaxLength(Limits.ExternalIdMaxLength).IsRequired();
        builder.Property(l => l.TokenHash).HasMaxLength(100).IsRequired();
        builder.Property(l => l.CreatedBy).HasMaxLength(PaymentLink.CreatedByMaxLength).IsRequired();

        // Compared with "now" in SQL: numbers on every engine (SQLite keeps offsets as text).
        builder.Property(l => l.CreatedAt).AsNumber();
        builder.Property(l => l.ExpiresAt).AsNumber();
        builder.Property(l => l.RevokedAt).AsNumber();
        builder.Property(l => l.LastViewedAt).AsNumber();
        builder.HasIndex(l => l.TokenHash).IsUnique();

        // An invoice's links, newest first; and one link per invoice email, however often its message is handled.
        builder.HasIndex(l => new { l.TenantId, l.InvoiceId, l.Id });
        builder.HasIndex(l => l.SourceMessageId).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaymentInvoiceConfiguration : IEntityTypeConfiguration<PaymentInvoice>
{
    public void Configure(EntityTypeBuilder<PaymentInvoice> builder)
    {
        builder.ToTable("PaymentInvoices");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();

        // An invoice's payments, newest first, as one index range.
        builder.HasIndex(p => new { p.TenantId, p.InvoiceId, p.PaymentId }).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Payment>().WithMany().HasForeignKey(p => p.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

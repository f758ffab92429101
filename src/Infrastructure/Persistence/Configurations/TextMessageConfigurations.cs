using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class TextMessageConfiguration : IEntityTypeConfiguration<TextMessage>
{
    public void Configure(EntityTypeBuilder<TextMessage> builder)
    {
        builder.ToTable("TextMessages");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Milestone).HasMaxLength(TextMessage.MilestoneMaxLength).IsRequired();
        builder.Property(t => t.To).HasMaxLength(TextMessage.PhoneMaxLength).IsRequired();
        builder.Property(t => t.From).HasMaxLength(TextMessage.PhoneMaxLength).IsRequired();
        builder.Property(t => t.Body).HasMaxLength(TextMessage.BodyMaxLength).IsRequired();
        // The status is a concurrency token: two delivery reports at once cannot both move it (one is applied again).
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20).IsRequired().IsConcurrencyToken();
        builder.Property(t => t.ProviderMessageId).HasMaxLength(TextMessage.ProviderIdMaxLength);
        builder.Property(t => t.ErrorCode).HasMaxLength(TextMessage.ProviderIdMaxLength);
        builder.Property(t => t.Error).HasMaxLength(TextMessage.ErrorMaxLength);

        // Compared with "now" in SQL (claims, due texts): numbers on every engine.
        builder.Property(t => t.DueAt).AsNumber();
        builder.Property(t => t.LockedUntil).AsNumber();
        builder.Property(t => t.CreatedAt).AsNumber();
        builder.Property(t => t.UpdatedAt).AsNumber();
        builder.Property(t => t.SentAt).AsNumber();

        // One text per milestone and subject, however often its event is delivered and by however many processes.
        builder.HasIndex(t => new { t.TenantId, t.Milestone, t.SubjectId }).IsUnique();
        builder.HasIndex(t => t.ProviderMessageId).IsUnique();
        builder.HasIndex(t => new { t.Status, t.DueAt });
        builder.HasIndex(t => new { t.TenantId, t.CustomerId, t.Id });
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SmsOptOutConfiguration : IEntityTypeConfiguration<SmsOptOut>
{
    public void Configure(EntityTypeBuilder<SmsOptOut> builder)
    {
        builder.ToTable("SmsOptOuts");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.PhoneNumber).HasMaxLength(TextMessage.PhoneMaxLength).IsRequired();
        builder.Property(o => o.Keyword).HasMaxLength(20).IsRequired();
        builder.Property(o => o.OptedOutAt).AsNumber();
        builder.HasIndex(o => new { o.TenantId, o.PhoneNumber }).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(o => o.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TextTemplateConfiguration : IEntityTypeConfiguration<TextTemplate>
{
    public void Configure(EntityTypeBuilder<TextTemplate> builder)
    {
        builder.ToTable("TextTemplates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Milestone).HasMaxLength(TextMessage.MilestoneMaxLength).IsRequired();
        builder.Property(t => t.Body).HasMaxLength(TextTemplate.BodyMaxLength).IsRequired();
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Property(t => t.UpdatedAt).AsNumber();
        builder.HasIndex(t => new { t.TenantId, t.Milestone }).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("Reviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.JobExternalId).HasMaxLength(Limits.ExternalIdMaxLength).IsRequired();
        builder.Property(r => r.CustomerExternalId).HasMaxLength(Limits.ExternalIdMaxLength).IsRequired();
        builder.Property(r => r.Comment).HasMaxLength(ReviewRules.CommentMaxLength);

        // Compared in SQL (the office's date range): numbers on every engine.
        builder.Property(r => r.CreatedAt).AsNumber();

        // Once per job and customer, whatever races; the office filters by customer and by rating.
        builder.HasIndex(r => new { r.TenantId, r.JobId, r.CustomerId }).IsUnique();
        builder.HasIndex(r => new { r.TenantId, r.CustomerId, r.Id });
        builder.HasIndex(r => new { r.TenantId, r.Rating, r.Id });
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewPromptConfiguration : IEntityTypeConfiguration<ReviewPrompt>
{
    public void Configure(EntityTypeBuilder<ReviewPrompt> builder)
    {
        builder.ToTable("ReviewPrompts");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.OpenedAt).AsNumber();
        builder.Property(p => p.ExpiresAt).AsNumber();

        // One per job (handling work.completed again opens nothing new); My Tasks reads a customer's open ones.
        builder.HasIndex(p => new { p.TenantId, p.JobId }).IsUnique();
        builder.HasIndex(p => new { p.TenantId, p.CustomerId, p.ExpiresAt });
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

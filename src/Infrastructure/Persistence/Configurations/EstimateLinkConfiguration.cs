using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class EstimateLinkConfiguration : IEntityTypeConfiguration<EstimateLink>
{
    /// <summary>Room for <see cref="EstimateLink.MaxProposals"/> references ({ id, externalId } in JSON) with external ids of the longest length.</summary>
    public const int ProposalsMaxLength = 4_000;

    public void Configure(EntityTypeBuilder<EstimateLink> builder)
    {
        builder.ToTable("EstimateLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.CustomerExternalId).HasMaxLength(Limits.ExternalIdMaxLength).IsRequired();
        builder.HasJsonList<EstimateLink, Ref>("_proposals", "Proposals", ProposalsMaxLength);
        builder.Ignore(l => l.Proposals);
        builder.Property(l => l.TokenHash).HasMaxLength(100).IsRequired();
        builder.Property(l => l.CreatedBy).HasMaxLength(EstimateLink.CreatedByMaxLength).IsRequired();

        // Compared with "now" in SQL: numbers on every engine (SQLite keeps offsets as text).
        builder.Property(l => l.CreatedAt).AsNumber();
        builder.Property(l => l.ExpiresAt).AsNumber();
        builder.Property(l => l.RevokedAt).AsNumber();
        builder.Property(l => l.LastViewedAt).AsNumber();
        builder.HasIndex(l => l.TokenHash).IsUnique();

        // A customer's links, newest first; and one link per estimate email, however often its message is handled.
        builder.HasIndex(l => new { l.TenantId, l.CustomerId, l.Id });
        builder.HasIndex(l => l.SourceMessageId).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

using HeadlessPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

/// <summary>The columns every synced record has.</summary>
internal static class SyncedEntityMapping
{
    public static void MapSynced<T>(this EntityTypeBuilder<T> builder, string table)
        where T : SyncedEntity
    {
        builder.ToTable(table);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ExternalId).HasMaxLength(Limits.ExternalIdMaxLength).IsRequired();
        builder.HasIndex(e => new { e.TenantId, e.ExternalId }).IsUnique();

        // Stored as a number so "updatedSince" compares on every provider (SQLite cannot compare offsets as text).
        builder.Property(e => e.UpdatedAt).HasConversion(new DateTimeOffsetToBinaryConverter()).IsRequired();
        builder.Ignore(e => e.Events);
        builder.Ignore(e => e.IsDeleted);
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

using System.Text.Json;
using HeadlessPortal.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("Imports");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.CreatedBy).HasMaxLength(ImportJob.CreatedByMaxLength).IsRequired();
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(j => j.ClaimedBy).HasMaxLength(ImportJob.ClaimedByMaxLength);

        // A number, so the worker's "lease expired" comparison works on every provider (SQLite cannot compare offsets as text).
        builder.Property(j => j.LeaseUntil).HasConversion(new DateTimeOffsetToBinaryConverter());
        builder.Property(j => j.Version).IsConcurrencyToken();

        // Up to 1000 errors: unbounded text rather than a length that would only be a guess.
        builder.Property<List<ImportLineError>>("_errors")
            .HasColumnName("Errors")
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
                v => JsonSerializer.Deserialize<List<ImportLineError>>(v, JsonSerializerOptions.Web) ?? new List<ImportLineError>(),
                new ValueComparer<List<ImportLineError>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Count,
                    v => v.ToList()))
            .IsRequired();
        builder.Ignore(j => j.Errors);

        // The worker looks for queued imports and expired leases across tenants.
        builder.HasIndex(j => new { j.Status, j.Id });
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(j => j.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

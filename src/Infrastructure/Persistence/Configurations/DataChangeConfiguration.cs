using HeadlessPortal.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class DataChangeConfiguration : IEntityTypeConfiguration<DataChangeRecord>
{
    public void Configure(EntityTypeBuilder<DataChangeRecord> builder)
    {
        builder.ToTable("DataChanges");
        builder.HasKey(c => c.Seq);
        builder.Property(c => c.Seq).ValueGeneratedOnAdd();
        builder.Property(c => c.RecordedAt).AsNumber();
        builder.HasIndex(c => c.RecordedAt);
    }
}

using HeadlessPortal.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class BookingSettingsConfiguration : IEntityTypeConfiguration<BookingSettings>
{
    public const int JobTypesMaxLength = 100_000;

    public void Configure(EntityTypeBuilder<BookingSettings> builder)
    {
        builder.ToTable("BookingSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithOne().HasForeignKey<BookingSettings>(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasJsonList<BookingSettings, BookableJobType>("_jobTypes", "JobTypes", JobTypesMaxLength);
        builder.Ignore(s => s.JobTypes);
        builder.Ignore(s => s.Horizon);
        builder.Ignore(s => s.LeadTime);
        builder.Ignore(s => s.ChangeCutOff);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

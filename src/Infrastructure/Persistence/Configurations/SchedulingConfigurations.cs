using System.Globalization;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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

internal sealed class CapacityWindowConfiguration : IEntityTypeConfiguration<CapacityWindow>
{
    /// <summary>"2026-03-08T08:00:00.0000000-05:00": the round-trip form of a time with its offset.</summary>
    public const int LocalTimeMaxLength = 33;

    // PostgreSQL's timestamptz keeps the instant but not the offset; as text, a window keeps the company's offset it was synced with.
    private static readonly ValueConverter<DateTimeOffset, string> WithOffset = new(
        v => v.ToString("O", CultureInfo.InvariantCulture),
        v => DateTimeOffset.ParseExact(v, "O", CultureInfo.InvariantCulture, DateTimeStyles.None));

    public void Configure(EntityTypeBuilder<CapacityWindow> builder)
    {
        builder.MapSynced("CapacityWindows");
        builder.Ignore(w => w.BusinessUnit);
        builder.MapRef<CapacityWindow, BusinessUnit>(nameof(CapacityWindow.BusinessUnit), required: true);
        builder.HasJsonList<CapacityWindow, Ref>("_jobTypes", "JobTypes", 8000);
        builder.Ignore(w => w.JobTypes);
        builder.Property(w => w.Start).HasConversion(WithOffset).HasMaxLength(LocalTimeMaxLength).IsRequired();
        builder.Property(w => w.End).HasConversion(WithOffset).HasMaxLength(LocalTimeMaxLength).IsRequired();
        builder.Property(w => w.StartUtcTicks).IsRequired();
        builder.Property(w => w.EndUtcTicks).IsRequired();
        builder.Property(w => w.TotalSlots).IsRequired();
        builder.Property(w => w.BookedSlots).IsRequired();
        builder.Ignore(w => w.FreeSlots);
        builder.Ignore(w => w.OverbookedBy);
        builder.Ignore(w => w.IsBelowBookings);

        // Availability reads one tenant's windows by start: one index range.
        builder.HasIndex(nameof(CapacityWindow.TenantId), nameof(CapacityWindow.StartUtcTicks));
    }
}

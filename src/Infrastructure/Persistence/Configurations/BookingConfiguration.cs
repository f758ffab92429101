using HeadlessPortal.Domain.Bookings;
using HeadlessPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    /// <summary>Room for <see cref="BookingRules.MaxPreferredWindows"/> windows ({ from, to } in JSON).</summary>
    public const int PreferredWindowsMaxLength = 500;

    public const int AddressMaxLength = 1000;

    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("Bookings");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Source).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(b => b.JobTypeExternalId).HasMaxLength(Limits.ExternalIdMaxLength).IsRequired();
        builder.Property(b => b.CustomerExternalId).HasMaxLength(Limits.ExternalIdMaxLength);
        builder.Property(b => b.LocationExternalId).HasMaxLength(Limits.ExternalIdMaxLength);
        builder.Property(b => b.RequesterName).HasMaxLength(Limits.NameMaxLength);
        builder.Property(b => b.RequesterEmail).HasMaxLength(ContactRules.EmailMaxLength);
        builder.Property(b => b.RequesterAddress).HasJsonValue("RequesterAddress", AddressMaxLength);
        builder.HasJsonList<Booking, PreferredWindow>("_preferredWindows", "PreferredWindows", PreferredWindowsMaxLength);
        builder.Ignore(b => b.PreferredWindows);
        builder.Property(b => b.Description).HasMaxLength(BookingRules.DescriptionMaxLength);
        builder.Property(b => b.ContactPhone).HasMaxLength(ContactRules.PhoneMaxLength);
        builder.Property(b => b.IdempotencyScope).HasMaxLength(BookingRules.IdempotencyScopeMaxLength);
        builder.Property(b => b.IdempotencyKey).HasMaxLength(BookingRules.IdempotencyKeyMaxLength);
        builder.Property(b => b.RequestHash).HasMaxLength(100);
        builder.Property(b => b.JobExternalId).HasMaxLength(Limits.ExternalIdMaxLength);
        builder.Property(b => b.AppointmentExternalId).HasMaxLength(Limits.ExternalIdMaxLength);
        builder.Property(b => b.DismissReason).HasMaxLength(BookingRules.DismissReasonMaxLength);
        builder.Property(b => b.HandledBy).HasMaxLength(BookingRules.HandledByMaxLength);
        builder.Property(b => b.CancelReason).HasMaxLength(BookingRules.CancelReasonMaxLength);
        builder.Property(b => b.ChangeIdempotencyKey).HasMaxLength(BookingRules.IdempotencyKeyMaxLength);
        builder.Property(b => b.ChangeRequestHash).HasMaxLength(100);
        builder.Property(b => b.CanceledAt).AsNumber();
        builder.Property(b => b.RescheduledAt).AsNumber();

        // Concurrent reschedules or cancels of one appointment: only the first is saved, the others see a conflict.
        builder.Property(b => b.Version).IsConcurrencyToken().HasDefaultValue(0);
        builder.Ignore(b => b.IsSelfScheduled);

        // Compared in SQL (the office's created range): numbers on every engine.
        builder.Property(b => b.CreatedAt).AsNumber();
        builder.Property(b => b.ScheduledAt).AsNumber();
        builder.Property(b => b.DismissedAt).AsNumber();

        // One request per key and requester, however often it is retried or raced; the requester's list, newest
        // first; the office's list by status, newest first.
        builder.HasIndex(b => new { b.TenantId, b.IdempotencyScope, b.IdempotencyKey }).IsUnique();
        builder.HasIndex(b => new { b.TenantId, b.IdempotencyScope, b.Id });
        builder.HasIndex(b => new { b.TenantId, b.Status, b.Id });
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

using System.Text.Json;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.MapSynced("Customers");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(Limits.NameMaxLength).IsRequired();
        builder.HasJsonList<Customer, string>("_emails", "Emails", 4000);
        builder.HasJsonList<Customer, CustomerPhone>("_phones", "Phones", 2000);
        builder.Ignore(c => c.Emails);
        builder.Ignore(c => c.Phones);
        builder.Property(c => c.BillingAddress).HasJsonValue("BillingAddress", 1000);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Type).HasMaxLength(OutboxMessage.TypeMaxLength).IsRequired();
        builder.Property(m => m.Payload).IsRequired();
        builder.HasIndex(m => new { m.ProcessedAt, m.Id });

        // The defaults are those the columns were added with (existing rows needed one); new rows set their own.
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20).IsRequired().HasDefaultValue(OutboxStatus.Pending);
        builder.Property(m => m.Attempts).IsRequired().HasDefaultValue(0);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.LastErrorMaxLength);

        // Numbers, so "due" and "lease expired" compare on every provider (SQLite cannot compare offsets as text).
        builder.Property(m => m.NextAttemptAt).HasConversion(LeaseTime.Converter);
        builder.Property(m => m.LockedUntil).HasConversion(LeaseTime.Converter);

        // Every outcome a dispatcher saves is conditional on its claim: whoever released or re-claimed the
        // message in the meantime wins, and the late save fails with a concurrency error instead.
        builder.Property(m => m.LockedBy).HasMaxLength(OutboxMessage.LockedByMaxLength).IsConcurrencyToken();
        builder.Property(m => m.LockedUntil).IsConcurrencyToken();

        // The dispatcher's claim: due messages by status and time, across tenants.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });

        // The admin list filtered by status (dead letters among many sent messages).
        builder.HasIndex(m => new { m.TenantId, m.Status, m.Id });
    }
}

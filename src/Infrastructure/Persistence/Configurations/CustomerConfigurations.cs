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
    }
}

using HeadlessPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    /// <summary>Room for every event type, quoted and comma-separated in JSON.</summary>
    public const int EventTypesMaxLength = 2000;

    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("WebhookEndpoints");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
        builder.HasJsonList<WebhookEndpoint, string>("_eventTypes", "EventTypes", EventTypesMaxLength);
        builder.Ignore(e => e.EventTypes);
        builder.Property(e => e.DisabledReason).HasMaxLength(WebhookEndpoint.DisabledReasonMaxLength);
        builder.Property(e => e.Secret).HasMaxLength(WebhookEndpoint.ProtectedSecretMaxLength).IsRequired();
        builder.Property(e => e.PreviousSecret).HasMaxLength(WebhookEndpoint.ProtectedSecretMaxLength);
        builder.Property(e => e.PreviousSecretExpiresAt).AsNumber();
        builder.Property(e => e.FailingSince).AsNumber();
        builder.Property(e => e.CreatedAt).AsNumber();
        builder.Property(e => e.UpdatedAt).AsNumber();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(WebhookDelivery.EventTypeMaxLength).IsRequired();
        builder.Property(d => d.Body).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(d => d.ResponseBody).HasMaxLength(WebhookDelivery.ResponseBodyMaxLength);
        builder.Property(d => d.Error).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.Property(d => d.FirstAttemptAt).AsNumber();
        builder.Property(d => d.LastAttemptAt).AsNumber();
        builder.Property(d => d.CreatedAt).AsNumber();

        // Compared in the worker's claim: numbers, as for the outbox.
        builder.Property(d => d.NextAttemptAt).HasConversion(LeaseTime.Converter);
        builder.Property(d => d.LockedUntil).HasConversion(LeaseTime.Converter).IsConcurrencyToken();
        builder.Property(d => d.LockedBy).HasMaxLength(WebhookDelivery.LockedByMaxLength).IsConcurrencyToken();

        // One delivery per event and endpoint, however often the event's outbox message is handled.
        builder.HasIndex(d => new { d.EventId, d.EndpointId }).IsUnique();

        // The worker's claim across tenants; an endpoint's log, newest first.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.TenantId, d.EndpointId, d.Id });

        // The log's retention: finished deliveries by age.
        builder.HasIndex(d => new { d.Status, d.CreatedAt });
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

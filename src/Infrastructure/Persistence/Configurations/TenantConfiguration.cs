using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(Tenant.NameMaxLength).IsRequired();
        builder.Property(t => t.Slug).HasMaxLength(Slug.MaxLength).IsRequired();
        builder.Property(t => t.HostName)
            .HasConversion(h => h.Value, v => HostName.FromTrusted(v))
            .HasMaxLength(HostName.MaxLength)
            .IsRequired();
        builder.Property(t => t.CreatedAt).IsRequired();
        builder.Property(t => t.UpdatedAt).IsRequired();
        builder.HasIndex(t => t.HostName).IsUnique();
        builder.HasIndex(t => t.Slug).IsUnique();

        builder.ComplexProperty(t => t.AccountSettings, settings =>
        {
            settings.Property(s => s.DisplayName).HasColumnName("DisplayName").HasMaxLength(TenantAccountSettings.DisplayNameMaxLength).IsRequired();
            settings.Property(s => s.LogoUrl).HasColumnName("LogoUrl").HasMaxLength(ContactRules.UrlMaxLength);
            settings.Property(s => s.PrimaryColor).HasColumnName("PrimaryColor").HasMaxLength(TenantAccountSettings.PrimaryColorLength);
            settings.Property(s => s.Phone).HasColumnName("Phone").HasMaxLength(ContactRules.PhoneMaxLength);
            settings.Property(s => s.Email).HasColumnName("Email").HasMaxLength(ContactRules.EmailMaxLength);
            settings.Property(s => s.TimeZone).HasColumnName("TimeZone").HasMaxLength(TenantAccountSettings.TimeZoneMaxLength).IsRequired();
            settings.Property(s => s.Currency).HasColumnName("Currency").HasMaxLength(CurrencyCode.Length).IsRequired();
        });
    }
}

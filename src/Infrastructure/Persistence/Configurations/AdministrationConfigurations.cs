using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Auditing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("ApiClients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ClientId).HasMaxLength(ApiClient.ClientIdMaxLength).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(ApiClient.NameMaxLength).IsRequired();
        builder.Property(c => c.Role).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(c => c.SecretHash).HasMaxLength(128).IsRequired();
        builder.Ignore(c => c.Scopes);
        builder.Ignore(c => c.IsRevoked);
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortalSettingsConfiguration : IEntityTypeConfiguration<PortalSettings>
{
    public void Configure(EntityTypeBuilder<PortalSettings> builder)
    {
        builder.ToTable("PortalSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithOne().HasForeignKey<PortalSettings>(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.LegalAgreementVersion).HasMaxLength(PortalSettings.LegalAgreementVersionMaxLength);
        builder.Property(s => s.LegalAgreementAcceptedBy).HasMaxLength(ApiClient.ClientIdMaxLength);
        builder.Ignore(s => s.LegalAgreementAccepted);
        builder.Property(s => s.AppointmentTimeDisplay).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.PublicReviewUrl).HasMaxLength(ContactRules.UrlMaxLength);
        builder.HasJsonList<PortalSettings, AgreementStatus>("_visibleAgreementStatuses", "VisibleAgreementStatuses", 200);
        builder.HasJsonList<PortalSettings, string>("_visibleBusinessUnitIds", "VisibleBusinessUnitIds", 24_000);
        builder.HasJsonList<PortalSettings, SignInMethod>("_signInMethods", "SignInMethods", 100);
        builder.Ignore(s => s.VisibleAgreementStatuses);
        builder.Ignore(s => s.VisibleBusinessUnitIds);
        builder.Ignore(s => s.SignInMethods);

        builder.ComplexProperty(s => s.Features, f =>
        {
            f.Property(x => x.InvoicePayment).HasColumnName("InvoicePayment");
            f.Property(x => x.PartialPayments).HasColumnName("PartialPayments");
            f.Property(x => x.SavedPaymentMethods).HasColumnName("SavedPaymentMethods");
            f.Property(x => x.EstimateApproval).HasColumnName("EstimateApproval");
            f.Property(x => x.ReviewCollection).HasColumnName("ReviewCollection");
            f.Property(x => x.JobBooking).HasColumnName("JobBooking");
            f.Property(x => x.SelfScheduling).HasColumnName("SelfScheduling");
            f.Property(x => x.ShowCanceledJobs).HasColumnName("ShowCanceledJobs");
            f.Property(x => x.ShowUnscheduledAgreementVisits).HasColumnName("ShowUnscheduledAgreementVisits");
        });
        builder.ComplexProperty(s => s.Branding, b =>
        {
            b.Property(x => x.DisplayName).HasColumnName("BrandingDisplayName").HasMaxLength(PortalBranding.DisplayNameMaxLength);
            b.Property(x => x.LogoUrl).HasColumnName("BrandingLogoUrl").HasMaxLength(ContactRules.UrlMaxLength);
            b.Property(x => x.PrimaryColor).HasColumnName("BrandingPrimaryColor").HasMaxLength(Domain.Tenants.TenantAccountSettings.PrimaryColorLength);
        });
        builder.ComplexProperty(s => s.Sms, m =>
        {
            m.Property(x => x.JobBooked).HasColumnName("SmsJobBooked");
            m.Property(x => x.TechnicianDispatched).HasColumnName("SmsTechnicianDispatched");
            m.Property(x => x.TechnicianEnRoute).HasColumnName("SmsTechnicianEnRoute");
            m.Property(x => x.WorkComplete).HasColumnName("SmsWorkComplete");
            m.Property(x => x.InvoiceSent).HasColumnName("SmsInvoiceSent");
            m.Property(x => x.ReviewRequest).HasColumnName("SmsReviewRequest").HasDefaultValue(false);
        });
        builder.ComplexProperty(s => s.Email, m => m.Property(x => x.ReviewRequest).HasColumnName("EmailReviewRequest").HasDefaultValue(false));
    }
}

internal sealed class BusinessUnitConfiguration : IEntityTypeConfiguration<BusinessUnit>
{
    public void Configure(EntityTypeBuilder<BusinessUnit> builder)
    {
        builder.MapSynced("BusinessUnits");
        builder.Property(b => b.Name).HasMaxLength(Limits.NameMaxLength).IsRequired();
        builder.Property(b => b.Active).IsRequired();
    }
}

internal sealed class SenderPhoneNumberConfiguration : IEntityTypeConfiguration<SenderPhoneNumber>
{
    public void Configure(EntityTypeBuilder<SenderPhoneNumber> builder)
    {
        builder.ToTable("SenderPhoneNumbers");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Number).HasMaxLength(ContactRules.PhoneMaxLength).IsRequired();
        builder.Property(p => p.Label).HasMaxLength(SenderPhoneNumber.LabelMaxLength);
        builder.HasIndex(p => new { p.TenantId, p.Number }).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PublishableKeyConfiguration : IEntityTypeConfiguration<PublishableKey>
{
    public void Configure(EntityTypeBuilder<PublishableKey> builder)
    {
        builder.ToTable("PublishableKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Key).HasMaxLength(PublishableKey.KeyMaxLength).IsRequired();
        builder.Property(k => k.Name).HasMaxLength(PublishableKey.NameMaxLength).IsRequired();
        builder.HasJsonList<PublishableKey, string>("_allowedOrigins", "AllowedOrigins", 8_000);
        builder.Ignore(k => k.AllowedOrigins);
        builder.Ignore(k => k.IsRevoked);
        builder.HasIndex(k => k.Key).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(AuditEvent.ActorMaxLength).IsRequired();
        builder.Property(e => e.Action).HasMaxLength(AuditEvent.ActionMaxLength).IsRequired();
        builder.Property(e => e.Target).HasMaxLength(AuditEvent.TargetMaxLength).IsRequired();
        builder.HasIndex(e => new { e.TenantId, e.Action, e.Id });

        // One target's trail (such as a job's payments), newest first.
        builder.HasIndex(e => new { e.TenantId, e.Target, e.Id });
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OAuthAppConfiguration : IEntityTypeConfiguration<OAuthApp>
{
    public void Configure(EntityTypeBuilder<OAuthApp> builder)
    {
        builder.ToTable("OAuthApps");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ClientId).HasMaxLength(ApiClient.ClientIdMaxLength).IsRequired();
        builder.Property(a => a.Name).HasMaxLength(OAuthApp.NameMaxLength).IsRequired();
        builder.Property(a => a.SecretHash).HasMaxLength(100);
        builder.HasJsonList<OAuthApp, string>("_redirectUris", "RedirectUris", 24_000);
        builder.HasJsonList<OAuthApp, string>("_allowedOrigins", "AllowedOrigins", 8_000);
        builder.Ignore(a => a.RedirectUris);
        builder.Ignore(a => a.AllowedOrigins);
        builder.Ignore(a => a.IsConfidential);
        builder.HasIndex(a => a.ClientId).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

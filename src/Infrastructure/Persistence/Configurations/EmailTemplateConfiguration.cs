using HeadlessPortal.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class EmailTemplateConfiguration : IEntityTypeConfiguration<EmailTemplate>
{
    public void Configure(EntityTypeBuilder<EmailTemplate> builder)
    {
        builder.ToTable("EmailTemplates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Kind).HasMaxLength(EmailTemplate.KindMaxLength).IsRequired();
        builder.Property(t => t.Subject).HasMaxLength(EmailTemplate.SubjectMaxLength).IsRequired();
        builder.Property(t => t.Html).HasMaxLength(EmailTemplate.HtmlMaxLength).IsRequired();
        builder.Property(t => t.Text).HasMaxLength(EmailTemplate.TextMaxLength).IsRequired();
        builder.Property(t => t.Version).IsConcurrencyToken();

        // One template per kind and tenant: two admins customizing the same email at once cannot both insert.
        builder.HasIndex(t => new { t.TenantId, t.Kind }).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.PortalUsers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

/// <summary>Times the portal's identity tables compare in queries are stored as numbers (SQLite cannot compare offsets as text).</summary>
internal static class TimeColumns
{
    public static PropertyBuilder<DateTimeOffset> AsNumber(this PropertyBuilder<DateTimeOffset> property) =>
        property.HasConversion(new DateTimeOffsetToBinaryConverter());

    public static PropertyBuilder<DateTimeOffset?> AsNumber(this PropertyBuilder<DateTimeOffset?> property) =>
        property.HasConversion(new DateTimeOffsetToBinaryConverter());
}

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.ToTable("PortalUsers");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Email).HasMaxLength(ContactRules.EmailMaxLength).IsRequired();
        builder.Property(u => u.PasswordHash).HasMaxLength(200);
        builder.Property(u => u.LockedUntil).AsNumber();
        builder.Property(u => u.FailedSignInWindowStart).AsNumber();
        builder.HasIndex(u => new { u.TenantId, u.Email }).IsUnique();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortalTokenConfiguration : IEntityTypeConfiguration<PortalToken>
{
    public void Configure(EntityTypeBuilder<PortalToken> builder)
    {
        builder.ToTable("PortalTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(t => t.TokenHash).HasMaxLength(100).IsRequired();
        builder.Property(t => t.Email).HasMaxLength(ContactRules.EmailMaxLength).IsRequired();
        builder.Property(t => t.CreatedAt).AsNumber();
        builder.Property(t => t.ExpiresAt).AsNumber();
        builder.Property(t => t.UsedAt).AsNumber();
        builder.HasIndex(t => t.TokenHash).IsUnique();

        // The per-address throttle counts recent tokens; cleanup finds expired ones.
        builder.HasIndex(t => new { t.TenantId, t.Email, t.Purpose, t.CreatedAt });
        builder.HasIndex(t => t.ExpiresAt);
        builder.HasIndex(t => t.ContactId);
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalContact>().WithMany().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortalSessionConfiguration : IEntityTypeConfiguration<PortalSession>
{
    public void Configure(EntityTypeBuilder<PortalSession> builder)
    {
        builder.ToTable("PortalSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Method).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.ExpiresAt).AsNumber();
        builder.Property(s => s.EndedAt).AsNumber();
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.LinkCustomerId);
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.LinkCustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("RefreshTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TokenHash).HasMaxLength(100).IsRequired();
        builder.Property(t => t.ExpiresAt).AsNumber();
        builder.Property(t => t.UsedAt).AsNumber();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.SessionId);
        builder.HasIndex(t => t.ExpiresAt);
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalSession>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomerPortalLinkConfiguration : IEntityTypeConfiguration<CustomerPortalLink>
{
    public void Configure(EntityTypeBuilder<CustomerPortalLink> builder)
    {
        builder.ToTable("CustomerPortalLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.TokenHash).HasMaxLength(100).IsRequired();
        builder.Property(l => l.CreatedBy).HasMaxLength(100).IsRequired();
        builder.Property(l => l.LockedUntil).AsNumber();
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.CustomerId);
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

using HeadlessPortal.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKeyRecord>
{
    public void Configure(EntityTypeBuilder<SigningKeyRecord> builder)
    {
        builder.ToTable("SigningKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Kid).HasMaxLength(SigningKeyRecord.KidMaxLength).IsRequired();
        builder.Property(k => k.Algorithm).HasMaxLength(10).IsRequired();
        builder.Property(k => k.PrivateKey).HasMaxLength(512).IsRequired();
        builder.HasIndex(k => k.Kid).IsUnique();
    }
}

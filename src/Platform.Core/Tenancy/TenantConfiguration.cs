using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Tenancy;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Slug).HasMaxLength(63);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.DisplayName).HasMaxLength(200);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Locale).HasMaxLength(10);
        builder.Property(t => t.TimeZone).HasMaxLength(64);
        builder.Property(t => t.DefaultCurrency).HasMaxLength(3).IsFixedLength();
        builder.Property(t => t.Plan).HasMaxLength(40);
        builder.Property(t => t.SuspensionReason).HasMaxLength(500);
        builder.Property(t => t.Version).IsRowVersion();
        builder.OwnsOne(t => t.Branding, b =>
        {
            b.Property(x => x.LogoUrl).HasMaxLength(2048);
            b.Property(x => x.PrimaryColor).HasMaxLength(7);
            b.Property(x => x.AccentColor).HasMaxLength(7);
            b.Property(x => x.CustomHost).HasMaxLength(253);
            b.HasIndex(x => x.CustomHost).IsUnique();
        });
        builder.Navigation(t => t.Branding).IsRequired();
    }
}

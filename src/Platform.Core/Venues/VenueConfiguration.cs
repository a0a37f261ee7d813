using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Venues;

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> builder)
    {
        builder.ToTable("venues");
        builder.HasKey(v => new { v.TenantId, v.Id });
        builder.Property(v => v.Name).HasMaxLength(200);
        builder.Property(v => v.Address).HasMaxLength(500);
        builder.HasIndex(v => new { v.TenantId, v.Name }).IsUnique();
        builder.Property(v => v.Version).IsRowVersion();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(v => v.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PriceZoneConfiguration : IEntityTypeConfiguration<PriceZone>
{
    public void Configure(EntityTypeBuilder<PriceZone> builder)
    {
        builder.ToTable("price_zones");
        builder.HasKey(z => new { z.TenantId, z.Id });
        builder.Property(z => z.Code).HasMaxLength(40);
        builder.Property(z => z.Name).HasMaxLength(100);
        builder.Property(z => z.Color).HasMaxLength(7);
        builder.HasIndex(z => new { z.TenantId, z.VenueId, z.Code }).IsUnique();
        builder.HasOne<Venue>().WithMany().HasForeignKey(z => new { z.TenantId, z.VenueId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VenueSectionConfiguration : IEntityTypeConfiguration<VenueSection>
{
    public void Configure(EntityTypeBuilder<VenueSection> builder)
    {
        builder.ToTable("venue_sections");
        builder.HasKey(s => new { s.TenantId, s.Id });
        builder.Property(s => s.Code).HasMaxLength(40);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Kind).HasConversion(new SnakeCaseEnumConverter<SectionKind>()).HasMaxLength(20);
        builder.HasIndex(s => new { s.TenantId, s.VenueId, s.Code }).IsUnique();
        builder.HasOne<Venue>().WithMany().HasForeignKey(s => new { s.TenantId, s.VenueId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PriceZone>().WithMany().HasForeignKey(s => new { s.TenantId, s.PriceZoneId }).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_venue_sections_capacity", "capacity >= 0"));
    }
}

internal sealed class SeatConfiguration : IEntityTypeConfiguration<Seat>
{
    public void Configure(EntityTypeBuilder<Seat> builder)
    {
        builder.ToTable("seats");
        builder.HasKey(s => new { s.TenantId, s.Id });
        builder.Property(s => s.RowLabel).HasMaxLength(10);
        builder.Property(s => s.SeatLabel).HasMaxLength(10);
        // Duplicate seat labels are impossible, whatever path wrote them.
        builder.HasIndex(s => new { s.TenantId, s.SectionId, s.RowLabel, s.SeatLabel }).IsUnique();
        builder.HasIndex(s => new { s.TenantId, s.VenueId });
        builder.HasOne<VenueSection>().WithMany().HasForeignKey(s => new { s.TenantId, s.SectionId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PriceZone>().WithMany().HasForeignKey(s => new { s.TenantId, s.PriceZoneId }).OnDelete(DeleteBehavior.Restrict);
    }
}

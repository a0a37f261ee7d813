using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Venues.SectionViews;

/// <summary>
/// The "view from the section" image a tenant uploads for one venue section, stored in PostgreSQL beside the section
/// (ADR 0030): tenant-isolated by RLS like every other row, backed up with the data, served the same by every node.
/// One per section; uploading again replaces it.
/// </summary>
public sealed class SectionView : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid SectionId { get; init; }

    public Guid VenueId { get; init; }

    /// <summary>image/jpeg, image/png or image/webp — what the bytes are (sniffed), not what the uploader said.</summary>
    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>SHA-256 of the content (hex, first 32 characters): the ETag, so an unchanged image answers 304.</summary>
    public required string Hash { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SectionViewConfiguration : IEntityTypeConfiguration<SectionView>
{
    public void Configure(EntityTypeBuilder<SectionView> builder)
    {
        builder.ToTable("section_views");
        builder.HasKey(v => new { v.TenantId, v.SectionId });
        builder.Property(v => v.ContentType).HasMaxLength(20);
        builder.Property(v => v.Hash).HasMaxLength(32);
        builder.HasOne<VenueSection>().WithMany().HasForeignKey(v => new { v.TenantId, v.SectionId }).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Tickets.Codes;

/// <summary>
/// A tenant's ECDSA P-256 key pair for ticket codes. One key is active (signs new codes); rotated-out keys stay as
/// retired, verify-only, and stay published so codes printed earlier still verify at offline gates.
/// The private key (PKCS#8) is encrypted with Data Protection; the public point is stored in the clear for the JWK set.
/// </summary>
internal sealed class TicketSigningKey : ITenantOwned
{
    public const string Active = "active";
    public const string Retired = "retired";

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The key id carried in every code (8 base64url characters), unique per tenant.</summary>
    public required string Kid { get; init; }

    /// <summary>The public point's coordinates, base64url, as in a JWK.</summary>
    public required string X { get; init; }

    public required string Y { get; init; }

    public required string PrivateKeyProtected { get; init; }

    public string Status { get; set; } = Active;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RetiredAt { get; set; }
}

internal sealed class TicketSigningKeyConfiguration : IEntityTypeConfiguration<TicketSigningKey>
{
    public void Configure(EntityTypeBuilder<TicketSigningKey> builder)
    {
        builder.ToTable("ticket_signing_keys");
        builder.HasKey(k => new { k.TenantId, k.Id });
        builder.Property(k => k.Kid).HasMaxLength(16);
        builder.Property(k => k.X).HasMaxLength(64);
        builder.Property(k => k.Y).HasMaxLength(64);
        builder.Property(k => k.Status).HasMaxLength(10);
        builder.HasIndex(k => new { k.TenantId, k.Kid }).IsUnique();
        // At most one signing key per tenant; concurrent first use inserts ON CONFLICT DO NOTHING against this index.
        builder.HasIndex(k => k.TenantId).IsUnique().HasFilter("status = 'active'").HasDatabaseName("ux_ticket_signing_keys_active");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_ticket_signing_keys_status", "status IN ('active', 'retired')"));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Pricing.Engine;
using Platform.Tenancy;

namespace Platform.Pricing.Vouchers;

/// <summary>
/// A promo code or voucher: a discount unlocked by a code, unique per tenant regardless of case, with a validity
/// window and limits counted in redemptions (one per order).
/// </summary>
public sealed class Voucher : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The code as the organiser wrote it.</summary>
    public required string Code { get; set; }

    /// <summary>Upper-case code; the unique index on it makes codes case-insensitive per tenant.</summary>
    public required string NormalizedCode { get; set; }

    public string? Description { get; set; }

    public bool Active { get; set; } = true;

    public AdjustmentType ValueType { get; set; }

    public int BasisPoints { get; set; }

    public long Amount { get; set; }

    public string? Currency { get; set; }

    public DateTimeOffset? ValidFrom { get; set; }

    public DateTimeOffset? ValidUntil { get; set; }

    public int? MaxUses { get; set; }

    public int? MaxUsesPerBuyer { get; set; }

    public List<Guid> EventIds { get; set; } = [];

    public List<Guid> TicketTypeIds { get; set; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();
}

/// <summary>One use of a voucher by an order; the limits count these rows.</summary>
public sealed class VoucherRedemption : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid VoucherId { get; init; }

    /// <summary>Lower-case, trimmed buyer email, for the per-buyer limit.</summary>
    public string? BuyerEmail { get; init; }

    public Guid? OrderId { get; init; }

    public DateTimeOffset RedeemedAt { get; init; }

    public static string? NormalizeEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}

internal sealed class VoucherConfiguration : IEntityTypeConfiguration<Voucher>
{
    public void Configure(EntityTypeBuilder<Voucher> builder)
    {
        builder.ToTable("vouchers");
        builder.HasKey(v => new { v.TenantId, v.Id });
        builder.Property(v => v.Code).HasMaxLength(40);
        builder.Property(v => v.NormalizedCode).HasMaxLength(40);
        builder.HasIndex(v => new { v.TenantId, v.NormalizedCode }).IsUnique();
        builder.Property(v => v.Description).HasMaxLength(500);
        builder.Property(v => v.ValueType).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(v => v.Version).IsRowVersion();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(v => v.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VoucherRedemptionConfiguration : IEntityTypeConfiguration<VoucherRedemption>
{
    public void Configure(EntityTypeBuilder<VoucherRedemption> builder)
    {
        builder.ToTable("voucher_redemptions");
        builder.HasKey(r => new { r.TenantId, r.Id });
        builder.Property(r => r.BuyerEmail).HasMaxLength(320);
        builder.HasIndex(r => new { r.TenantId, r.VoucherId, r.BuyerEmail });
        builder.HasOne<Voucher>().WithMany().HasForeignKey(r => new { r.TenantId, r.VoucherId }).OnDelete(DeleteBehavior.Restrict);
    }
}

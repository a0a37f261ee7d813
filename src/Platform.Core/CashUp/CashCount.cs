using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.CashUp;

/// <summary>
/// A seller's counted cash for one of the tenant's days and one currency. <see cref="Revision"/> 1 is the count; a
/// later revision is an explicit, audited correction (with a note) and the latest revision is the one that stands.
/// The expected amount is frozen at counting, so the difference recorded is what the seller saw at the till.
/// </summary>
public sealed class CashCount : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The seller's user id (the access token's subject), as payments record it in created_by ("user:" + id).</summary>
    public required string SellerId { get; init; }

    public DateOnly Day { get; init; }

    public required string Currency { get; init; }

    public int Revision { get; init; }

    public long ExpectedCash { get; init; }

    public long CountedCash { get; init; }

    public long Difference { get; init; }

    public string? Note { get; init; }

    /// <summary>Who recorded it: "user:" + subject.</summary>
    public required string CountedBy { get; init; }

    public DateTimeOffset CountedAt { get; init; }
}

internal sealed class CashCountConfiguration : IEntityTypeConfiguration<CashCount>
{
    public void Configure(EntityTypeBuilder<CashCount> builder)
    {
        builder.ToTable("cash_counts");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.Property(c => c.SellerId).HasMaxLength(200);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.Note).HasMaxLength(500);
        builder.Property(c => c.CountedBy).HasMaxLength(200);
        // One count per seller, day and currency; corrections take the next revision. Two tills pressing "record" at
        // once: the second insert of the same revision fails here and is answered 409, never a second silent count.
        builder.HasIndex(c => new { c.TenantId, c.SellerId, c.Day, c.Currency, c.Revision }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_cash_counts_amounts", "counted_cash >= 0 AND revision >= 1"));
    }
}

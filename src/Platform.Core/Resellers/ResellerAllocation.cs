using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Events;
using Platform.Orders;
using Platform.Tenancy;

namespace Platform.Resellers;

/// <summary>
/// A cap on what one reseller (an API client of the tenant) may hold and sell of an event, or of one ticket type of
/// it. The stock itself still comes from the event's quotas (ADR 0014): <see cref="Held"/> and <see cref="Sold"/>
/// move only by conditional UPDATEs in the same transaction as the quota counters, and a CHECK keeps
/// held + sold ≤ quantity whatever a future code path does.
/// </summary>
public sealed class ResellerAllocation : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string ClientId { get; init; }

    public Guid EventId { get; init; }

    /// <summary>Null: the allocation covers every ticket type of the event without an allocation of its own.</summary>
    public Guid? TicketTypeId { get; init; }

    public int Quantity { get; set; }

    public int Held { get; set; }

    public int Sold { get; set; }

    /// <summary>Commission in basis points (1/100 %) of the ticket price after discounts, recorded per order line.</summary>
    public int? CommissionBps { get; set; }

    /// <summary>Lowest price per ticket (minor units, after discounts, before fees and tax) the reseller may sell at.</summary>
    public long? PriceFloor { get; set; }

    public long? PriceCeiling { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>xmin: changes with every edit and every stock movement.</summary>
    public uint Version { get; set; }
}

/// <summary>
/// An API client that has been granted an allocation in the tenant. Once a reseller, always a reseller (deleting its
/// allocations does not widen what it may see): its holds need an allocation and it sees only its own orders.
/// </summary>
public sealed class Reseller : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string ClientId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One order line sold through a reseller's allocation, with the commission agreed at placement.</summary>
public sealed class ResellerSale : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid OrderLineId { get; init; }

    public Guid OrderId { get; init; }

    public Guid AllocationId { get; init; }

    public required string ClientId { get; init; }

    public int CommissionBps { get; init; }

    /// <summary>Commission on the whole line (minor units); refunds reduce it pro rata in the report.</summary>
    public long Commission { get; init; }
}

internal sealed class ResellerAllocationConfiguration : IEntityTypeConfiguration<ResellerAllocation>
{
    public void Configure(EntityTypeBuilder<ResellerAllocation> builder)
    {
        builder.ToTable("reseller_allocations");
        builder.HasKey(a => new { a.TenantId, a.Id });
        builder.Property(a => a.ClientId).HasMaxLength(100);
        builder.Property(a => a.Version).IsRowVersion();
        // One allocation per (client, event) and per (client, event, ticket type): NULLS NOT DISTINCT makes the
        // event-wide row unique too.
        builder.HasIndex(a => new { a.TenantId, a.ClientId, a.EventId, a.TicketTypeId }).IsUnique().AreNullsDistinct(false);
        builder.HasOne<Event>().WithMany().HasForeignKey(a => new { a.TenantId, a.EventId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TicketType>().WithMany().HasForeignKey(a => new { a.TenantId, a.TicketTypeId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(a => new { a.TenantId, a.ClientId }).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_reseller_allocations_counters", "held >= 0 AND sold >= 0 AND held + sold <= quantity");
            t.HasCheckConstraint("ck_reseller_allocations_commission", "commission_bps IS NULL OR commission_bps BETWEEN 0 AND 10000");
            t.HasCheckConstraint("ck_reseller_allocations_price",
                "(price_floor IS NULL OR price_floor >= 0) AND (price_ceiling IS NULL OR price_ceiling >= coalesce(price_floor, 0))");
        });
    }
}

internal sealed class ResellerConfiguration : IEntityTypeConfiguration<Reseller>
{
    public void Configure(EntityTypeBuilder<Reseller> builder)
    {
        builder.ToTable("resellers");
        builder.HasKey(r => new { r.TenantId, r.ClientId });
        builder.Property(r => r.ClientId).HasMaxLength(100);
    }
}

internal sealed class ResellerSaleConfiguration : IEntityTypeConfiguration<ResellerSale>
{
    public void Configure(EntityTypeBuilder<ResellerSale> builder)
    {
        builder.ToTable("reseller_sales");
        builder.HasKey(s => new { s.TenantId, s.OrderLineId });
        builder.Property(s => s.ClientId).HasMaxLength(100);
        builder.HasIndex(s => new { s.TenantId, s.AllocationId });
        builder.HasOne<OrderLine>().WithMany().HasForeignKey(s => new { s.TenantId, s.OrderLineId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Order>().WithMany().HasForeignKey(s => new { s.TenantId, s.OrderId }).OnDelete(DeleteBehavior.Cascade);
    }
}

using Platform.Pricing;
using Platform.Sales;
using Platform.Tenancy;

namespace Platform.Holds;

public enum HoldState
{
    Active,
    Converted,
    Released,
    Expired,
}

/// <summary>
/// Stock set aside for one buyer until <see cref="ExpiresAt"/>. The counters and seat rows it moved are the truth;
/// this row says whose they are and until when. An active hold past its expiry is treated as expired everywhere.
/// </summary>
public sealed class Hold : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>SHA-256 (hex) of the bearer token an anonymous buyer presents; the token itself is never stored.</summary>
    public required string TokenHash { get; init; }

    public Guid EventId { get; init; }

    public Guid OccurrenceId { get; init; }

    public SalesChannel Channel { get; init; }

    public HoldState State { get; set; } = HoldState.Active;

    public int Quantity { get; init; }

    /// <summary>Per-buyer limit keys ("account:{sub}", "email:{sha256}") this hold counts against.</summary>
    public string? BuyerAccountKey { get; init; }

    public string? BuyerEmailKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; set; }

    public bool Extended { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>
    /// For a converted hold: whether its quota units have moved from held to sold on the counters yet. Payment leaves
    /// that to <see cref="QuotaSettlement"/> so it never queues on the event's contended counter row.
    /// </summary>
    public bool QuotaSettled { get; set; }

    /// <summary>The client (or "staff:{sub}") that created it through the authenticated API; null for anonymous buyers.</summary>
    public string? CreatedBy { get; init; }
}

/// <summary>One line of a hold: a ticket type with a quantity, drawing from a quota and/or specific seats.</summary>
public sealed class HoldItem : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid HoldId { get; init; }

    public Guid TicketTypeId { get; init; }

    public Guid OccurrenceId { get; init; }

    public Guid? QuotaId { get; init; }

    public Guid? PriceZoneId { get; init; }

    public int Quantity { get; init; }

    public Guid[] SeatIds { get; init; } = [];

    /// <summary>The reseller allocation this line draws from (Resellers/, ADR 0014); null outside the reseller channel.</summary>
    public Guid? AllocationId { get; init; }

    /// <summary>Who the line is for (priced and printed per line); null leaves it to the order's default audience.</summary>
    public Audience? Audience { get; init; }
}

/// <summary>Tickets held or bought per (event, buyer key); moved only by conditional upserts, so limits hold under concurrency.</summary>
public sealed class BuyerEventCounter : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid EventId { get; init; }

    public required string BuyerKey { get; init; }

    public int Tickets { get; set; }
}

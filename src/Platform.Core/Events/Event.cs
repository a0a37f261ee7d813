using Platform.Tenancy;
using Platform.Sales;

namespace Platform.Events;

public enum EventStatus
{
    Draft,
    Published,
    OnSale,
    SoldOut,
    Ended,
    Cancelled,
}

public enum TicketKind
{
    GeneralAdmission,
    Seated,
}

/// <summary>The state of one seat for one occurrence; checkout moves it with conditional UPDATEs.</summary>
public enum SeatState
{
    Available,
    Held,
    Sold,
    Blocked,
}

/// <summary>A single event (one occurrence) or a series (several), with its ticket types and sales windows.</summary>
public sealed class Event : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Title { get; set; }

    public string? Description { get; set; }

    public required string Category { get; set; }

    /// <summary>The venue whose map seated ticket types sell; null for general admission only at a place not modelled.</summary>
    public Guid? VenueId { get; init; }

    /// <summary>IANA time zone the event's times are shown in.</summary>
    public required string TimeZone { get; set; }

    public EventStatus Status { get; set; } = EventStatus.Draft;

    /// <summary>Tickets one buyer (by account and by email, each) may hold or buy for this event; null = the platform default.</summary>
    public int? MaxTicketsPerBuyer { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>PostgreSQL xmin: concurrent lifecycle changes cannot both win.</summary>
    public uint Version { get; set; }
}

public sealed class EventOccurrence : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EventId { get; init; }

    public DateTimeOffset? DoorsAt { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>IANA time zone of this occurrence (a touring series crosses zones); defaults to the event's.</summary>
    public required string TimeZone { get; set; }
}

/// <summary>When a channel may sell the event. Windows of one channel never overlap.</summary>
public sealed class SalesWindow : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EventId { get; init; }

    public SalesChannel Channel { get; init; }

    public DateTimeOffset OpensAt { get; init; }

    public DateTimeOffset ClosesAt { get; init; }
}

/// <summary>
/// What a buyer picks: general admission (draws from a quota) or seated (a seat of its price zone, and optionally a
/// quota on top). Prices are integer minor units in the tenant's currency.
/// </summary>
public sealed class TicketType : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EventId { get; init; }

    public required string Name { get; set; }

    public TicketKind Kind { get; init; }

    public Guid? PriceZoneId { get; init; }

    public Guid? QuotaId { get; init; }

    public long PriceMinor { get; set; }

    public required string Currency { get; init; }

    public int MinPerOrder { get; set; } = 1;

    public int MaxPerOrder { get; set; } = 10;

    /// <summary>Channels the ticket type is offered on, as snake_case channel names.</summary>
    public string[] Channels { get; set; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}

/// <summary>A capacity shared by the ticket types that draw from it (e.g. "Floor", or "Comps: 200").</summary>
public sealed class Quota : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EventId { get; init; }

    public required string Name { get; set; }

    public int Capacity { get; set; }

    /// <summary>The venue's general-admission area this quota sells, for per-section availability.</summary>
    public Guid? SectionId { get; init; }
}

/// <summary>
/// The live counters of one quota for one occurrence. Checkout holds and sells with a conditional UPDATE
/// (… SET held = held + n WHERE capacity - held - sold >= n); a CHECK constraint keeps held + sold &lt;= capacity.
/// </summary>
public sealed class QuotaCounter : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid QuotaId { get; init; }

    public Guid OccurrenceId { get; init; }

    public Guid EventId { get; init; }

    public int Capacity { get; set; }

    public int Held { get; set; }

    public int Sold { get; set; }
}

/// <summary>One seat of the venue for one occurrence, with its sale state; created when seating is defined.</summary>
public sealed class EventSeat : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid OccurrenceId { get; init; }

    public Guid SeatId { get; init; }

    public Guid EventId { get; init; }

    public Guid SectionId { get; init; }

    public Guid? PriceZoneId { get; init; }

    public SeatState State { get; set; }
}

using Platform.Pricing;
using Platform.Sales;

namespace Platform.Holds;

/// <summary>
/// One line: general admission (<see cref="TicketTypeId"/> + <see cref="Quantity"/>), specific seats
/// (<see cref="SeatIds"/>), or best available seats in a section (<see cref="SectionId"/> + <see cref="Quantity"/>).
/// <see cref="Audience"/> is who the line's tickets are for, as on a quote line: the order prices the line for it and
/// its tickets carry it to the gate. Without one the line takes the order's audience (default adult).
/// </summary>
public sealed record HoldLineRequest(Guid? TicketTypeId, int? Quantity, IReadOnlyList<Guid>? SeatIds, Guid? SectionId, Audience? Audience = null);

public sealed record CreateHoldRequest(Guid? EventId, Guid? OccurrenceId, IReadOnlyList<HoldLineRequest>? Lines, string? BuyerEmail,
    SalesChannel? Channel);

/// <summary>A held line; <see cref="Audience"/> is null when the hold left it to the order.</summary>
public sealed record HoldLineResponse(Guid TicketTypeId, Guid? PriceZoneId, int Quantity, IReadOnlyList<Guid> SeatIds, Audience? Audience);

/// <summary>A hold. <see cref="HoldToken"/> is returned once, on creation: anonymous buyers present it as X-Hold-Token.</summary>
public sealed record HoldResponse(
    Guid Id,
    Guid EventId,
    Guid OccurrenceId,
    SalesChannel Channel,
    HoldState State,
    int Quantity,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    bool Extended,
    IReadOnlyList<HoldLineResponse> Lines,
    string? HoldToken);

/// <summary>
/// A hold with its items, as read together to place an order, and its event's sold count at that moment (the
/// early-bird "first N sold" rule prices from it; it lags settlement by milliseconds, ADR 0006).
/// </summary>
public sealed record HeldItems(Hold Hold, IReadOnlyList<HoldItem> Items, int EventSold);

/// <summary>A hold just created, with its one-time token: what the create endpoint answers (and an Idempotency-Key stores).</summary>
public sealed record HoldCreated(Hold Hold, List<HoldItem> Items, string Token);

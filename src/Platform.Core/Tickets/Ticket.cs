using Platform.Pricing;
using Platform.Tenancy;

namespace Platform.Tickets;

public enum TicketState
{
    Valid,
    Revoked,
}

/// <summary>
/// One admission, issued when its order is paid. The QR code is not stored: it is signed on demand over
/// (id, event, <see cref="CodeVersion"/>, key id), so a transfer that bumps the code version makes every earlier QR
/// stale while its signature still verifies — gates compare the version. Holder details are encrypted with Data
/// Protection; null holder fields mean "the buyer of the order". Check-in state belongs to the check-in capability.
/// </summary>
public sealed class Ticket : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Human-friendly, unique per tenant (e.g. 7KQ2M-XH94C), printed on the ticket and read out at support desks.</summary>
    public required string Number { get; init; }

    public Guid OrderId { get; init; }

    public Guid OrderLineId { get; init; }

    public Guid EventId { get; init; }

    public Guid OccurrenceId { get; init; }

    public Guid TicketTypeId { get; init; }

    public Guid? PriceZoneId { get; init; }

    public Guid? SeatId { get; init; }

    /// <summary>Who the ticket is for (its order line's audience): printed on it and returned by scans, so the gate can ask for proof.</summary>
    public Audience Audience { get; init; }

    public TicketState State { get; set; } = TicketState.Valid;

    /// <summary>Starts at 1; every transfer increments it, so QR codes signed for an earlier version no longer admit.</summary>
    public int CodeVersion { get; set; } = 1;

    public string? HolderNameProtected { get; set; }

    public string? HolderEmailProtected { get; set; }

    /// <summary>
    /// Reserved, currently always null: holder access tokens are stateless (<see cref="TicketAccessTokens"/>) so mail delivery never
    /// writes the ticket row. Kept for revocable tokens later without another schema change.
    /// </summary>
    public string? AccessTokenHash { get; set; }

    public int TransferCount { get; set; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }

    public uint Version { get; set; }
}

/// <summary>Whose name a ticket carries when it is issued.</summary>
public enum TicketHolderNames
{
    /// <summary>The buyer's, on every ticket (the default).</summary>
    Buyer,

    /// <summary>The buyer may name each ticket's holder at checkout; unnamed tickets carry the buyer's name.</summary>
    Optional,

    /// <summary>Every ticket's holder must be named at checkout (personalised tickets).</summary>
    Required,
}

/// <summary>
/// Per-event ticket rules, edited by event writers: transfers (absent: allowed without limits) and whether each
/// ticket's holder is named at checkout.
/// </summary>
public sealed class EventTicketSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid EventId { get; init; }

    public bool TransfersEnabled { get; set; } = true;

    /// <summary>After this instant no ticket of the event can be transferred.</summary>
    public DateTimeOffset? TransferDeadline { get; set; }

    /// <summary>How many times one ticket may change hands; null for no limit.</summary>
    public int? MaxTransfersPerTicket { get; set; }

    public TicketHolderNames HolderNames { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}

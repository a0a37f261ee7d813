using Platform.Pricing;

namespace Platform.Tickets;

public sealed record TicketHolderResponse(string Name, string Email);

/// <summary>Where a seated ticket sits.</summary>
public sealed record TicketSeatResponse(Guid SeatId, string Section, string Row, string Seat);

/// <summary>
/// A ticket. <see cref="QrPayload"/> is a freshly signed code for the current code version (null once revoked):
/// render it as a QR code, or fetch the PNG/SVG. <see cref="Audience"/> is who it admits (a child ticket admits a
/// child): the gate checks it, and any proof the audience discount asked for.
/// </summary>
public sealed record TicketResponse(
    Guid Id,
    string Number,
    TicketState State,
    Guid OrderId,
    Guid OrderLineId,
    Guid EventId,
    Guid OccurrenceId,
    Guid TicketTypeId,
    string TicketTypeName,
    Guid? PriceZoneId,
    Audience Audience,
    TicketSeatResponse? Seat,
    TicketHolderResponse Holder,
    int CodeVersion,
    int TransferCount,
    DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedReason,
    string? QrPayload);

public sealed record TicketListResponse(IReadOnlyList<TicketResponse> Data);

/// <summary>A buyer proves an order is theirs by its id and the email it was placed with.</summary>
public sealed record TicketLookupRequest(Guid? OrderId, string? Email);

/// <summary>One published verification key (RFC 7517 JWK, EC P-256); status active signs new codes, retired only verifies.</summary>
public sealed record TicketJsonWebKey(string Kty, string Crv, string Kid, string X, string Y, string Use, string Alg, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);

/// <summary>A JWK set.</summary>
public sealed record TicketJsonWebKeySet(IReadOnlyList<TicketJsonWebKey> Keys);

using Platform.Money;
using Platform.Sales;
namespace Platform.Events;

public sealed record OccurrenceRequest(DateTimeOffset? DoorsAt, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? TimeZone);

public sealed record SalesWindowRequest(SalesChannel? Channel, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt);

public sealed record CreateEventRequest(
    string? Title,
    string? Description,
    string? Category,
    Guid? VenueId,
    string? TimeZone,
    IReadOnlyList<OccurrenceRequest>? Occurrences,
    IReadOnlyList<SalesWindowRequest>? SalesWindows,
    int? MaxTicketsPerBuyer = null);

/// <summary>A partial update: omitted (null) fields keep their value.</summary>
public sealed record UpdateEventRequest(string? Title, string? Description, string? Category, string? TimeZone, int? MaxTicketsPerBuyer = null);

/// <summary>Replaces all sales windows of the event.</summary>
public sealed record ReplaceSalesWindowsRequest(IReadOnlyList<SalesWindowRequest>? SalesWindows);

public sealed record QuotaRequest(string? Name, int? Capacity, Guid? SectionId);

public sealed record UpdateQuotaRequest(string? Name, int? Capacity);

public sealed record TicketTypeRequest(
    string? Name,
    TicketKind? Kind,
    Guid? PriceZoneId,
    Guid? QuotaId,
    MoneyRequest? Price,
    int? MinPerOrder,
    int? MaxPerOrder,
    IReadOnlyList<SalesChannel>? Channels);

/// <summary>
/// A partial change; <see cref="Price"/> keeps the ticket type's currency (its currency may be omitted). An empty
/// <see cref="Channels"/> list takes the ticket type off sale everywhere (it stays on issued tickets and reports).
/// </summary>
public sealed record UpdateTicketTypeRequest(string? Name, MoneyRequest? Price, int? MinPerOrder, int? MaxPerOrder, IReadOnlyList<SalesChannel>? Channels);

/// <summary>Blocks available seats of one occurrence (house seats, camera positions), or releases blocked ones.</summary>
public sealed record SeatBlockRequest(IReadOnlyList<Guid>? SeatIds, bool? Blocked);

public sealed record SeatBlockResponse(Guid OccurrenceId, int Changed, SeatState State);

public sealed record OccurrenceResponse(Guid Id, DateTimeOffset? DoorsAt, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone);

public sealed record SalesWindowResponse(Guid Id, SalesChannel Channel, DateTimeOffset OpensAt, DateTimeOffset ClosesAt);

public sealed record QuotaResponse(Guid Id, string Name, int Capacity, Guid? SectionId);

public sealed record TicketTypeResponse(
    Guid Id, string Name, TicketKind Kind, Guid? PriceZoneId, Guid? QuotaId, MoneyResponse Price,
    int MinPerOrder, int MaxPerOrder, IReadOnlyList<SalesChannel> Channels, uint Version);

public sealed record EventResponse(
    Guid Id,
    string Title,
    string? Description,
    string Category,
    Guid? VenueId,
    string TimeZone,
    EventStatus Status,
    bool IsSeries,
    IReadOnlyList<OccurrenceResponse> Occurrences,
    IReadOnlyList<SalesWindowResponse> SalesWindows,
    IReadOnlyList<QuotaResponse> Quotas,
    IReadOnlyList<TicketTypeResponse> TicketTypes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    uint Version,
    int? MaxTicketsPerBuyer);

public sealed record EventSummaryResponse(Guid Id, string Title, string Category, EventStatus Status, DateTimeOffset? FirstStartsAt, DateTimeOffset CreatedAt);

public sealed record QuotaCounterResponse(Guid QuotaId, string Name, Guid? SectionId, int Capacity, int Held, int Sold, int Available);

public sealed record SeatStateCountResponse(Guid SectionId, int Available, int Held, int Sold, int Blocked);

/// <summary>The inventory of one occurrence: quota counters and seat states per section.</summary>
public sealed record OccurrenceInventoryResponse(Guid OccurrenceId, IReadOnlyList<QuotaCounterResponse> Quotas, IReadOnlyList<SeatStateCountResponse> Sections);

internal static class EventMapping
{
    public static string ChannelName(SalesChannel c) => Venues.SnakeCaseEnumConverter<SalesChannel>.ToText(c);

    public static SalesChannel ParseChannel(string c) => Venues.SnakeCaseEnumConverter<SalesChannel>.FromText(c);

    public static TicketTypeResponse ToResponse(TicketType t) => new(t.Id, t.Name, t.Kind, t.PriceZoneId, t.QuotaId,
        new MoneyResponse(t.PriceMinor, t.Currency), t.MinPerOrder, t.MaxPerOrder, [.. t.Channels.Select(ParseChannel)], t.Version);

    public static QuotaResponse ToResponse(Quota q) => new(q.Id, q.Name, q.Capacity, q.SectionId);

    public static OccurrenceResponse ToResponse(EventOccurrence o) => new(o.Id, o.DoorsAt, o.StartsAt, o.EndsAt, o.TimeZone);

    public static SalesWindowResponse ToResponse(SalesWindow w) => new(w.Id, w.Channel, w.OpensAt, w.ClosesAt);
}

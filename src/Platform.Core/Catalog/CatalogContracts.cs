using Platform.Events;
using Platform.Money;
using Platform.Sales;
using Platform.Venues;

namespace Platform.Catalog;

public sealed record CatalogOccurrence(Guid Id, DateTimeOffset? DoorsAt, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone);

public sealed record CatalogEventSummary(
    Guid Id, string Title, string Category, EventStatus Status, string? VenueName, IReadOnlyList<CatalogOccurrence> Occurrences,
    long? PriceFromMinor, string Currency);

public sealed record CatalogBranding(string DisplayName, string Locale, string? LogoUrl, string PrimaryColor, string AccentColor);

public sealed record CatalogVenue(Guid Id, string Name, string? Address);

public sealed record CatalogTicketType(
    Guid Id, string Name, TicketKind Kind, Guid? PriceZoneId, MoneyResponse Price, int MinPerOrder, int MaxPerOrder);

public sealed record CatalogSalesWindow(SalesChannel Channel, DateTimeOffset OpensAt, DateTimeOffset ClosesAt);

public sealed record CatalogEventResponse(
    Guid Id,
    string Title,
    string? Description,
    string Category,
    EventStatus Status,
    string TimeZone,
    CatalogVenue? Venue,
    IReadOnlyList<CatalogOccurrence> Occurrences,
    IReadOnlyList<CatalogTicketType> TicketTypes,
    IReadOnlyList<CatalogSalesWindow> SalesWindows,
    CatalogBranding Branding);

public sealed record TicketTypeAvailability(Guid TicketTypeId, string Name, int Available);

public sealed record SectionAvailability(
    Guid SectionId, string Code, string Name, SectionKind Kind, IReadOnlyList<MapPoint> Outline, int Capacity, int Available);

public sealed record SeatAvailability(
    Guid SeatId, string Row, string Seat, double X, double Y, bool Accessible, bool RestrictedView, Guid? PriceZoneId, SeatState State);

/// <summary>
/// Live availability of one occurrence, at most one second old. Seats are listed for one section at a time
/// (?section=), so a stadium is not one 40,000-seat payload.
/// </summary>
public sealed record AvailabilityResponse(
    Guid OccurrenceId,
    EventStatus EventStatus,
    DateTimeOffset AsOf,
    IReadOnlyList<TicketTypeAvailability> TicketTypes,
    IReadOnlyList<SectionAvailability> Sections,
    IReadOnlyList<SeatAvailability>? Seats);

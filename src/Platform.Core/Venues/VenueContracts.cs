namespace Platform.Venues;

/// <summary>A point of the venue map, in the map's own units (a client scales it to the screen).</summary>
public sealed record MapPoint(double X, double Y);

public sealed record CreateVenueRequest(string? Name, string? Address);

public sealed record PriceZoneRequest(string? Code, string? Name, string? Color);

/// <summary>Names one seat position of a grid by its row and seat labels.</summary>
public sealed record SeatRef(string? Row, string? Seat);

public sealed record RowPriceZone(string? Row, string? PriceZone);

/// <summary>How a grid's rows are labelled when rowLabels is not given: A, B, ... Z, AA (letters) or 1, 2, 3 (numbers).</summary>
public enum RowLabelScheme
{
    Letters,
    Numbers,
}

/// <summary>
/// How seats are numbered along a row (seen from the stage side, the grid's x axis): left_to_right, right_to_left,
/// or odd_even as continental theatres do: from the centre outwards, odd numbers to the left, even to the right.
/// </summary>
public enum SeatNumbering
{
    LeftToRight,
    RightToLeft,
    OddEven,
}

/// <summary>
/// Rows × seats generated in one go. Row labels default to A, B, ... Z, AA, AB ... (or 1, 2, 3 with rowLabelScheme
/// numbers); seats are numbered from firstSeatNumber in the numbering order. Gaps are positions without a seat
/// (aisles, pillars); numbering is by position, so the seat after a gap keeps its number. The grid is drawn from origin
/// along the rotation: seats along x, rows along y. curvatureDegrees bends every row into an arc of that angle around
/// a centre in front of the first row (a fan facing the stage); 0 or absent keeps the rows straight.
/// </summary>
public sealed record SeatGridRequest(
    int? Rows,
    int? SeatsPerRow,
    IReadOnlyList<string>? RowLabels,
    int? FirstSeatNumber,
    double? OriginX,
    double? OriginY,
    double? SeatSpacing,
    double? RowSpacing,
    double? RotationDegrees,
    IReadOnlyList<SeatRef>? Gaps,
    IReadOnlyList<SeatRef>? Accessible,
    IReadOnlyList<SeatRef>? RestrictedView,
    IReadOnlyList<RowPriceZone>? RowPriceZones,
    RowLabelScheme? RowLabelScheme = null,
    SeatNumbering? Numbering = null,
    double? CurvatureDegrees = null);

/// <summary>One seat spelled out (the export format, and hand-drawn sections). Blocked: never sold in any occurrence.</summary>
public sealed record SeatRequest(
    string? Row, string? Seat, double? X, double? Y, bool? Accessible, bool? RestrictedView, string? PriceZone, bool? Blocked = null);

/// <summary>
/// A general-admission area (kind general_admission with a capacity) or a seated section (kind seated with either a
/// grid or an explicit seat list). Price zones are named by their code within the venue.
/// </summary>
public sealed record SectionRequest(
    string? Code,
    string? Name,
    SectionKind? Kind,
    int? Capacity,
    string? PriceZone,
    IReadOnlyList<MapPoint>? Outline,
    SeatGridRequest? Grid,
    IReadOnlyList<SeatRequest>? Seats);

/// <summary>A whole venue as one JSON document: what export returns and import accepts.</summary>
public sealed record VenueDocument(
    string? Name,
    string? Address,
    IReadOnlyList<PriceZoneRequest>? PriceZones,
    IReadOnlyList<SectionRequest>? Sections);

/// <summary>Assigns a price zone to a whole section, or only to some of its rows.</summary>
public sealed record AssignPriceZoneRequest(string? PriceZone, IReadOnlyList<string>? Rows);

public sealed record PriceZoneResponse(Guid Id, string Code, string Name, string Color);

public sealed record SectionResponse(
    Guid Id, string Code, string Name, SectionKind Kind, int Capacity, Guid? PriceZoneId, IReadOnlyList<MapPoint> Outline);

public sealed record VenueResponse(
    Guid Id,
    string Name,
    string? Address,
    int SeatCount,
    int GeneralAdmissionCapacity,
    IReadOnlyList<PriceZoneResponse> PriceZones,
    IReadOnlyList<SectionResponse> Sections,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);

public sealed record VenueSummaryResponse(Guid Id, string Name, string? Address, DateTimeOffset CreatedAt);

public sealed record SeatResponse(
    Guid Id, string Row, string Seat, double X, double Y, bool Accessible, bool RestrictedView, Guid? PriceZoneId, bool Blocked);

public sealed record SectionMapResponse(
    Guid Id, string Code, string Name, SectionKind Kind, int Capacity, Guid? PriceZoneId, IReadOnlyList<MapPoint> Outline,
    IReadOnlyList<SeatResponse> Seats);

/// <summary>
/// Everything a client needs to draw the venue: zones (with colours), section outlines and every seat. Version is
/// the venue's version: send it as If-Match with an edit so a concurrent edit is refused instead of overwritten.
/// </summary>
public sealed record VenueMapResponse(
    Guid VenueId, string Name, IReadOnlyList<PriceZoneResponse> PriceZones, IReadOnlyList<SectionMapResponse> Sections, uint Version);

/// <summary>
/// Changes seats of a venue in one go (the editor's paint): each property given is set on every listed seat, the
/// others are left as they are. priceZone is a zone code of the venue. blocked seats (kill seats) are never sold in
/// any occurrence: blocking takes them off sale in existing occurrences too (409 when one is held or sold there).
/// </summary>
public sealed record UpdateSeatsRequest(IReadOnlyList<Guid>? SeatIds, string? PriceZone, bool? Accessible, bool? RestrictedView, bool? Blocked);

/// <summary>How many seats changed, and the venue's new version for the next If-Match.</summary>
public sealed record UpdateSeatsResponse(int Updated, uint Version);

/// <summary>A section's seats and outline as they would be saved, without saving (the editor's live preview).</summary>
public sealed record SectionPreviewResponse(IReadOnlyList<MapPoint> Outline, IReadOnlyList<PreviewSeat> Seats);

public sealed record PreviewSeat(string Row, string Seat, double X, double Y, bool Accessible, bool RestrictedView);

internal static class VenueMapping
{
    public static IReadOnlyList<MapPoint> ToPoints(double[] outline)
    {
        var points = new List<MapPoint>(outline.Length / 2);
        for (var i = 0; i + 1 < outline.Length; i += 2)
        {
            points.Add(new MapPoint(outline[i], outline[i + 1]));
        }

        return points;
    }

    public static double[] Flatten(IReadOnlyList<MapPoint> points) => [.. points.SelectMany(p => new[] { p.X, p.Y })];

    public static PriceZoneResponse ToResponse(PriceZone z) => new(z.Id, z.Code, z.Name, z.Color);

    public static SectionResponse ToResponse(VenueSection s) =>
        new(s.Id, s.Code, s.Name, s.Kind, s.Capacity, s.PriceZoneId, ToPoints(s.Outline));
}

using System.Globalization;
using Platform.Catalog;
using Platform.Events;
using Platform.Venues;

namespace Platform.Api.Storefront;

/// <summary>A price zone as the legend shows it: its colour, name, the ticket type that sells its seats and the price.</summary>
public sealed record ZoneOffer(Guid PriceZoneId, string Name, string Color, Guid TicketTypeId, long PriceMinor, string Currency);

/// <summary>One seat drawn on the map, in map units, with what a screen reader says about it.</summary>
public sealed record SeatDot(Guid Id, string Row, string Label, double X, double Y, bool Accessible, bool Free, bool Sellable, string Color, string AriaLabel);

/// <summary>One row of seats, in drawing order, with where its label goes.</summary>
public sealed record SeatRow(string Label, double LabelX, double LabelY, IReadOnlyList<SeatDot> Seats);

/// <summary>
/// The geometry of one section's seat map for the SVG: a viewBox around its seats (in the venue map's own units, as
/// the seat map JSON stores them), a seat radius from the seat spacing, and the rows of seats with their colours
/// and states. Pure: built from the availability answer, so what the page draws is what the API reports.
/// </summary>
public sealed class SeatMap
{
    private SeatMap(string viewBox, double radius, IReadOnlyList<SeatRow> rows)
    {
        ViewBox = viewBox;
        Radius = radius;
        Rows = rows;
    }

    public string ViewBox { get; }

    public double Radius { get; }

    public IReadOnlyList<SeatRow> Rows { get; }

    /// <summary>How far apart neighbouring seats are: the smallest gap between consecutive seats of a row (1 if none).</summary>
    public static double Spacing(IReadOnlyList<SeatAvailability> seats)
    {
        var smallest = double.MaxValue;
        foreach (var row in seats.GroupBy(s => s.Row))
        {
            var list = row.ToList();
            for (var i = 1; i < list.Count; i++)
            {
                var d = Math.Sqrt(Math.Pow(list[i].X - list[i - 1].X, 2) + Math.Pow(list[i].Y - list[i - 1].Y, 2));
                if (d > 1e-6 && d < smallest)
                {
                    smallest = d;
                }
            }
        }

        return smallest == double.MaxValue ? 1 : smallest;
    }

    /// <param name="seats">The section's seats in drawing order (the availability answer's order).</param>
    /// <param name="zones">Offered zones by id; a seat whose zone nobody sells is drawn but cannot be chosen.</param>
    /// <param name="describe">The seat's aria-label in the buyer's language (section, row, seat, price, accessible).</param>
    public static SeatMap Build(IReadOnlyList<SeatAvailability> seats, IReadOnlyDictionary<Guid, ZoneOffer> zones,
        Func<SeatAvailability, ZoneOffer?, string> describe)
    {
        if (seats.Count == 0)
        {
            return new SeatMap("0 0 1 1", 0.4, []);
        }

        var spacing = Spacing(seats);
        var margin = spacing * 1.5;
        double minX = seats.Min(s => s.X) - margin, maxX = seats.Max(s => s.X) + (spacing * 0.8);
        double minY = seats.Min(s => s.Y) - (spacing * 0.8), maxY = seats.Max(s => s.Y) + (spacing * 0.8);
        var rows = seats.GroupBy(s => s.Row).Select(g =>
        {
            var first = g.First();
            var dots = g.Select(s =>
            {
                var zone = s.PriceZoneId is { } z ? zones.GetValueOrDefault(z) : null;
                return new SeatDot(s.SeatId, s.Row, s.Seat, s.X, s.Y, s.Accessible, s.State == SeatState.Available && zone is not null, zone is not null,
                    zone?.Color ?? "#9CA3AF", describe(s, zone));
            }).ToList();
            return new SeatRow(g.Key, first.X - spacing, first.Y, dots);
        }).ToList();
        return new SeatMap(string.Join(' ', new[] { minX, minY, maxX - minX, maxY - minY }.Select(Num)), spacing * 0.42, rows);
    }

    /// <summary>A number for an SVG attribute: invariant culture (never "1,5"), at most three decimals.</summary>
    public static string Num(double value) => Math.Round(value, 3).ToString(CultureInfo.InvariantCulture);

    /// <summary>A section outline as an SVG polygon's points attribute.</summary>
    public static string Points(IReadOnlyList<MapPoint> outline) => string.Join(' ', outline.Select(p => Num(p.X) + "," + Num(p.Y)));

    /// <summary>Where a section's name goes on the overview (the mean of its corners) and how large, from its size.</summary>
    public static (string X, string Y, string Size) Label(IReadOnlyList<MapPoint> outline)
    {
        double w = outline.Max(p => p.X) - outline.Min(p => p.X), h = outline.Max(p => p.Y) - outline.Min(p => p.Y);
        return (Num(outline.Average(p => p.X)), Num(outline.Average(p => p.Y)), Num(Math.Max(0.1, Math.Min(w / 6, h / 2.5))));
    }

    /// <summary>The viewBox around every section outline of the venue (the overview), or null when none has one.</summary>
    public static string? OverviewBox(IEnumerable<IReadOnlyList<MapPoint>> outlines)
    {
        var points = outlines.SelectMany(o => o).ToList();
        if (points.Count == 0)
        {
            return null;
        }

        double minX = points.Min(p => p.X), maxX = points.Max(p => p.X), minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        var pad = Math.Max(maxX - minX, maxY - minY) * 0.04;
        return string.Join(' ', new[] { minX - pad, minY - pad, maxX - minX + (2 * pad), maxY - minY + (2 * pad) }.Select(Num));
    }
}

using System.Globalization;

namespace Platform.Venues;

/// <summary>A seat as laid out, before it is stored; the price zone is still a code.</summary>
internal sealed record PlannedSeat(
    string Row, string Seat, double X, double Y, bool Accessible, bool RestrictedView, string? PriceZone, bool Blocked = false);

/// <summary>
/// Pure seat-map geometry: expands a grid description into seats with positions, and computes a section outline.
/// No database, so the rules are unit-tested directly.
/// </summary>
internal static class SeatLayout
{
    public const int MaxSeatsPerSection = 20_000;

    /// <summary>A, B, ... Z, AA, AB, ... (spreadsheet style), as theatres label rows.</summary>
    public static string RowLabel(int index)
    {
        var label = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            label = (char)('A' + ((n - 1) % 26)) + label;
        }

        return label;
    }

    public static IReadOnlyList<string> RowLabels(SeatGridRequest grid) =>
        grid.RowLabels is { Count: > 0 } labels ? labels
        : grid.RowLabelScheme == RowLabelScheme.Numbers ? [.. Enumerable.Range(1, grid.Rows ?? 0).Select(n => n.ToString(CultureInfo.InvariantCulture))]
        : [.. Enumerable.Range(0, grid.Rows ?? 0).Select(RowLabel)];

    /// <summary>The number of the seat at position <paramref name="s"/> (0 = leftmost) of a row of <paramref name="count"/>.</summary>
    public static int SeatNumber(SeatNumbering numbering, int first, int count, int s)
    {
        switch (numbering)
        {
            case SeatNumbering.RightToLeft:
                return first + (count - 1 - s);
            case SeatNumbering.OddEven:
                // From the centre outwards: the left half (with the middle seat of an odd row) takes first, first+2, ...
                // the right half first+1, first+3, ...; so with first = 1 odd numbers are left, even right.
                var left = (count + 1) / 2;
                return s < left ? first + (2 * (left - 1 - s)) : first + 1 + (2 * (s - left));
            default:
                return first + s;
        }
    }

    public static IReadOnlyList<PlannedSeat> Expand(SectionRequest section)
    {
        if (section.Kind != SectionKind.Seated)
        {
            return [];
        }

        if (section.Seats is { } explicitSeats)
        {
            return [.. explicitSeats.Select(s => new PlannedSeat(s.Row!, s.Seat!, s.X ?? 0, s.Y ?? 0,
                s.Accessible ?? false, s.RestrictedView ?? false, s.PriceZone ?? section.PriceZone, s.Blocked ?? false))];
        }

        return section.Grid is { } grid ? ExpandGrid(grid, section.PriceZone) : [];
    }

    public static IReadOnlyList<PlannedSeat> ExpandGrid(SeatGridRequest grid, string? sectionZone)
    {
        var rows = RowLabels(grid);
        var perRow = grid.SeatsPerRow ?? 0;
        var first = grid.FirstSeatNumber ?? 1;
        var gaps = ToSet(grid.Gaps);
        var accessible = ToSet(grid.Accessible);
        var restricted = ToSet(grid.RestrictedView);
        var rowZones = (grid.RowPriceZones ?? []).Where(z => z.Row is not null)
            .GroupBy(z => z.Row!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().PriceZone, StringComparer.Ordinal);
        var numbering = grid.Numbering ?? SeatNumbering.LeftToRight;
        var frame = Frame(grid);

        var seats = new List<PlannedSeat>(rows.Count * perRow);
        for (var r = 0; r < rows.Count; r++)
        {
            var zone = rowZones.TryGetValue(rows[r], out var z) ? z : sectionZone;
            for (var s = 0; s < perRow; s++)
            {
                var label = SeatNumber(numbering, first, perRow, s).ToString(CultureInfo.InvariantCulture);
                var key = (rows[r], label);
                if (gaps.Contains(key))
                {
                    continue;
                }

                var (x, y) = Position(grid, frame, s, r, perRow);
                seats.Add(new PlannedSeat(rows[r], label, x, y, accessible.Contains(key), restricted.Contains(key), zone));
            }
        }

        return seats;
    }

    /// <summary>
    /// The grid's rectangle (with half a spacing of margin), rotated like the seats: four corners. A curved grid gets
    /// the band between its first and last row's arcs instead, sampled every few degrees.
    /// </summary>
    public static IReadOnlyList<MapPoint> GridOutline(SeatGridRequest grid)
    {
        if (Arc(grid) is { } arc)
        {
            return CurvedOutline(grid, arc);
        }

        var (ox, oy, seatSpacing, rowSpacing, cos, sin) = Frame(grid);
        var width = Math.Max(0, (grid.SeatsPerRow ?? 1) - 1) * seatSpacing;
        var depth = Math.Max(0, RowLabels(grid).Count - 1) * rowSpacing;
        double[][] corners = [[-seatSpacing / 2, -rowSpacing / 2], [width + seatSpacing / 2, -rowSpacing / 2],
            [width + seatSpacing / 2, depth + rowSpacing / 2], [-seatSpacing / 2, depth + rowSpacing / 2]];
        return [.. corners.Select(c => Place(ox, oy, c[0], c[1], cos, sin)).Select(p => new MapPoint(p.X, p.Y))];
    }

    /// <summary>The axis-aligned bounding box of explicit seats, as an outline when none is given.</summary>
    public static IReadOnlyList<MapPoint> BoundingOutline(IReadOnlyList<PlannedSeat> seats)
    {
        if (seats.Count == 0)
        {
            return [];
        }

        double minX = seats.Min(s => s.X) - 0.5, maxX = seats.Max(s => s.X) + 0.5;
        double minY = seats.Min(s => s.Y) - 0.5, maxY = seats.Max(s => s.Y) + 0.5;
        return [new(minX, minY), new(maxX, minY), new(maxX, maxY), new(minX, maxY)];
    }

    /// <summary>Labels that occur more than once, with the index of each repeat (for a 422 naming the field).</summary>
    public static IEnumerable<(int Index, string Row, string Seat)> Duplicates(IEnumerable<(string? Row, string? Seat)> labels)
    {
        var seen = new HashSet<(string, string)>();
        var index = 0;
        foreach (var (row, seat) in labels)
        {
            if (row is not null && seat is not null && !seen.Add((row, seat)))
            {
                yield return (index, row, seat);
            }

            index++;
        }
    }

    /// <summary>
    /// A curved grid's arc: the row's total angle and the radius of the first row, chosen so that the first row keeps
    /// its straight length ((seats - 1) × seatSpacing) as arc length. Back rows sit one rowSpacing further out each.
    /// </summary>
    private static (double Theta, double Radius)? Arc(SeatGridRequest grid)
    {
        var degrees = grid.CurvatureDegrees ?? 0;
        var width = Math.Max(0, (grid.SeatsPerRow ?? 1) - 1) * (grid.SeatSpacing ?? 1);
        if (degrees < 0.01 || width <= 0)
        {
            return null;
        }

        var theta = degrees * Math.PI / 180;
        return (theta, width / theta);
    }

    private static (double X, double Y) Position(
        SeatGridRequest grid, (double Ox, double Oy, double SeatSpacing, double RowSpacing, double Cos, double Sin) f, int s, int r, int perRow)
    {
        if (Arc(grid) is not { } arc)
        {
            return Place(f.Ox, f.Oy, s * f.SeatSpacing, r * f.RowSpacing, f.Cos, f.Sin);
        }

        var phi = perRow <= 1 ? 0 : (-arc.Theta / 2) + (arc.Theta * s / (perRow - 1));
        var (lx, ly) = OnArc(grid, arc, phi, arc.Radius + (r * f.RowSpacing));
        return Place(f.Ox, f.Oy, lx, ly, f.Cos, f.Sin);
    }

    /// <summary>
    /// A point at angle phi and radius on the arc, in the grid's own frame: the centre lies in front of the first row's
    /// middle (towards the stage, negative y), so the row's middle seat is where a straight row's would be.
    /// </summary>
    private static (double X, double Y) OnArc(SeatGridRequest grid, (double Theta, double Radius) arc, double phi, double radius)
    {
        var width = Math.Max(0, (grid.SeatsPerRow ?? 1) - 1) * (grid.SeatSpacing ?? 1);
        return ((width / 2) + (radius * Math.Sin(phi)), -arc.Radius + (radius * Math.Cos(phi)));
    }

    private static IReadOnlyList<MapPoint> CurvedOutline(SeatGridRequest grid, (double Theta, double Radius) arc)
    {
        var f = Frame(grid);
        var rows = Math.Max(1, RowLabels(grid).Count);
        var perRow = Math.Max(1, grid.SeatsPerRow ?? 1);
        // Half a seat's angle of margin at each end, half a row of margin in front and behind.
        var half = (arc.Theta / 2) + (arc.Theta / Math.Max(1, perRow - 1) / 2);
        var inner = Math.Max(0, arc.Radius - (f.RowSpacing / 2));
        var outer = arc.Radius + ((rows - 1) * f.RowSpacing) + (f.RowSpacing / 2);
        const int Steps = 12;
        var points = new List<MapPoint>((Steps + 1) * 2);
        foreach (var (radius, forward) in new[] { (inner, true), (outer, false) })
        {
            for (var i = 0; i <= Steps; i++)
            {
                var t = forward ? i : Steps - i;
                var phi = -half + (2 * half * t / Steps);
                var (lx, ly) = OnArc(grid, arc, phi, radius);
                var (x, y) = Place(f.Ox, f.Oy, lx, ly, f.Cos, f.Sin);
                points.Add(new MapPoint(x, y));
            }
        }

        return points;
    }

    private static HashSet<(string, string)> ToSet(IReadOnlyList<SeatRef>? refs) =>
        [.. (refs ?? []).Where(r => r.Row is not null && r.Seat is not null).Select(r => (r.Row!, r.Seat!))];

    private static (double Ox, double Oy, double SeatSpacing, double RowSpacing, double Cos, double Sin) Frame(SeatGridRequest grid)
    {
        var radians = (grid.RotationDegrees ?? 0) * Math.PI / 180;
        return (grid.OriginX ?? 0, grid.OriginY ?? 0, grid.SeatSpacing ?? 1, grid.RowSpacing ?? 1, Math.Cos(radians), Math.Sin(radians));
    }

    private static (double X, double Y) Place(double ox, double oy, double lx, double ly, double cos, double sin) =>
        (Math.Round(ox + (lx * cos) - (ly * sin), 3), Math.Round(oy + (lx * sin) + (ly * cos), 3));
}

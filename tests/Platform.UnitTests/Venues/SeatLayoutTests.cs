using Platform.Venues;

namespace Platform.UnitTests.Venues;

public sealed class SeatLayoutTests
{
    private static SeatGridRequest Grid(int rows, int perRow, double rotation = 0, IReadOnlyList<SeatRef>? gaps = null) =>
        new(rows, perRow, null, 1, 0, 0, 1, 1, rotation, gaps, null, null, null);

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(29, "AD")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void RowLabel_Index_SpreadsheetStyle(int index, string expected) => Assert.Equal(expected, SeatLayout.RowLabel(index));

    [Fact]
    public void ExpandGrid_Gaps_SkipPositionsButKeepNumbering()
    {
        var seats = SeatLayout.ExpandGrid(Grid(2, 4, gaps: [new SeatRef("A", "2")]), "std");

        Assert.Equal(["A1", "A3", "A4", "B1", "B2", "B3", "B4"], seats.Select(s => s.Row + s.Seat));
        Assert.All(seats, s => Assert.Equal("std", s.PriceZone));
    }

    [Fact]
    public void ExpandGrid_Rotation90_TurnsRowsAndSeats()
    {
        var seats = SeatLayout.ExpandGrid(Grid(2, 2, rotation: 90), null);

        var b2 = seats.Single(s => s.Row == "B" && s.Seat == "2");
        Assert.Equal((-1.0, 1.0), (b2.X, b2.Y));
    }

    [Fact]
    public void ExpandGrid_RowPriceZones_OverrideTheSectionZone()
    {
        var grid = Grid(2, 1) with { RowPriceZones = [new RowPriceZone("A", "premium")] };

        var seats = SeatLayout.ExpandGrid(grid, "std");

        Assert.Equal(["premium", "std"], seats.Select(s => s.PriceZone));
    }

    [Fact]
    public void GridOutline_EnclosesEverySeat()
    {
        var grid = Grid(3, 5, rotation: 30);
        var outline = SeatLayout.GridOutline(grid);

        Assert.Equal(4, outline.Count);
        foreach (var seat in SeatLayout.ExpandGrid(grid, null))
        {
            Assert.True(Inside(outline, seat.X, seat.Y), $"{seat.Row}{seat.Seat} outside");
        }
    }

    [Fact]
    public void Duplicates_ReportsEachRepeatByIndex()
    {
        var duplicates = SeatLayout.Duplicates([("A", "1"), ("A", "2"), ("A", "1"), ("B", "1"), ("A", "2")]).ToList();

        Assert.Equal([2, 4], duplicates.Select(d => d.Index));
    }

    [Fact]
    public void SampleRing_ExpandsToSectionsOfTheGivenSize()
    {
        var sections = SampleVenue.Expand(new SampleRing(101, 20, 25, 40, 130, "lower", "Lower")).ToList();

        Assert.Equal(20, sections.Count);
        Assert.Equal("101", sections[0].Code);
        Assert.Equal("120", sections[^1].Code);
        Assert.Equal(20_000, sections.Sum(s => SeatLayout.Expand(s).Count));
    }

    /// <summary>Convex polygon containment by the sign of cross products.</summary>
    private static bool Inside(IReadOnlyList<MapPoint> polygon, double x, double y)
    {
        var sign = 0;
        for (var i = 0; i < polygon.Count; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Count];
            var cross = ((b.X - a.X) * (y - a.Y)) - ((b.Y - a.Y) * (x - a.X));
            var s = Math.Sign(cross);
            if (s != 0 && sign != 0 && s != sign)
            {
                return false;
            }

            sign = s == 0 ? sign : s;
        }

        return true;
    }
}

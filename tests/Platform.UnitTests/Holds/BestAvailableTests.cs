using Platform.Holds;

namespace Platform.UnitTests.Holds;

public sealed class BestAvailableTests
{
    private static SeatCandidate Seat(string row, int ordinal) => new(Guid.CreateVersion7(), row, ordinal);

    [Fact]
    public void Pick_RowWithAdjacentRun_ReturnsBlockFromFrontRow()
    {
        var a = new[] { Seat("A", 1), Seat("A", 3), Seat("A", 4) };
        var b = new[] { Seat("B", 11), Seat("B", 12) };

        var pick = BestAvailable.Pick([.. a, .. b], 2);

        Assert.Equal([a[1].SeatId, a[2].SeatId], pick);
    }

    [Fact]
    public void Pick_Spread_ChoosesDisjointBlocks()
    {
        var row = Enumerable.Range(1, 6).Select(i => Seat("A", i)).ToArray();

        var first = BestAvailable.Pick(row, 2, spread: 0)!;
        var second = BestAvailable.Pick(row, 2, spread: 1)!;
        var wrapped = BestAvailable.Pick(row, 2, spread: 3)!;

        Assert.Empty(first.Intersect(second));
        Assert.Equal(first, wrapped);
    }

    [Fact]
    public void Pick_NoAdjacentBlock_FallsBackToFirstFreeSeats()
    {
        var seats = new[] { Seat("A", 1), Seat("A", 3), Seat("B", 5) };

        var pick = BestAvailable.Pick(seats, 2);

        Assert.Equal([seats[0].SeatId, seats[1].SeatId], pick);
    }

    [Fact]
    public void Pick_FewerFreeThanWanted_Null()
    {
        Assert.Null(BestAvailable.Pick([Seat("A", 1)], 2));
        Assert.Null(BestAvailable.Pick([Seat("A", 1)], 0));
    }

    [Fact]
    public void Pick_ExactlyAsManyFreeSeatsAsAsked_ReturnsThemAll()
    {
        // Mutant found by Stryker: "fewer than or equal to n free" refused the last seats of a section.
        var last = new[] { Seat("C", 7), Seat("D", 2) };

        Assert.Equal(last.Select(s => s.SeatId).Order(), BestAvailable.Pick(last, 2)!.Order());
    }
}

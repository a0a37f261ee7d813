using Platform.WaitingRoom;

namespace Platform.UnitTests.WaitingRoom;

public sealed class PreQueueShuffleTests
{
    /// <summary>
    /// Seeded: 60,000 shuffles of 10 arrivals. Every arrival must land in every position about equally often (a
    /// chi-square over the 10×10 table, 81 degrees of freedom: 99.9th percentile ≈ 126), and the first arrival gets
    /// the first place about a tenth of the time — no advantage to arriving first.
    /// </summary>
    [Fact]
    public void Shuffle_Seeded_EveryArrivalEquallyLikelyInEveryPosition()
    {
        const int n = 10, rounds = 60_000;
        var random = new Random(20261205);
        var counts = new int[n, n];
        for (var r = 0; r < rounds; r++)
        {
            var order = Enumerable.Range(0, n).ToList();
            PreQueueShuffle.Shuffle(order, random.Next);
            for (var position = 0; position < n; position++)
            {
                counts[order[position], position]++;
            }
        }

        const double expected = (double)rounds / n;
        var chiSquare = 0.0;
        foreach (var c in counts)
        {
            chiSquare += (c - expected) * (c - expected) / expected;
        }

        Assert.InRange(chiSquare, 0, 126);
        Assert.InRange(counts[0, 0] / (double)rounds, 0.09, 0.11);
    }

    [Fact]
    public void Shuffle_IsAPermutation()
    {
        var order = Enumerable.Range(0, 1000).ToList();
        PreQueueShuffle.Shuffle(order);
        Assert.Equal(Enumerable.Range(0, 1000), order.Order());
    }
}

namespace Platform.Holds;

/// <summary>A free seat as best-available sees it: its row and drawing-order position.</summary>
public sealed record SeatCandidate(Guid SeatId, string Row, int Ordinal);

/// <summary>
/// Picks seats for "best available": a block of <c>n</c> seats next to each other in one row (consecutive ordinals),
/// preferring the earliest rows; when no row has such a block, the first <c>n</c> free seats. Pure and unit-tested.
/// Under contention many buyers would pick the same first block, so the caller passes a spread: the index of the
/// candidate block to try (wrapping), and excludes seats it lost on a previous attempt.
/// </summary>
public static class BestAvailable
{
    public static IReadOnlyList<Guid>? Pick(IReadOnlyList<SeatCandidate> candidates, int n, int spread = 0)
    {
        if (n <= 0 || candidates.Count < n)
        {
            return null;
        }

        var blocks = new List<IReadOnlyList<Guid>>();
        foreach (var row in candidates.GroupBy(c => c.Row))
        {
            var seats = row.OrderBy(s => s.Ordinal).ToList();
            var runStart = 0;
            for (var i = 1; i <= seats.Count; i++)
            {
                if (i == seats.Count || seats[i].Ordinal != seats[i - 1].Ordinal + 1)
                {
                    // Cut the run [runStart, i) into non-overlapping blocks of n, so different buyers get disjoint blocks.
                    for (var s = runStart; s + n <= i; s += n)
                    {
                        blocks.Add([.. seats.Skip(s).Take(n).Select(x => x.SeatId)]);
                    }

                    runStart = i;
                }
            }
        }

        if (blocks.Count > 0)
        {
            return blocks[Math.Abs(spread % blocks.Count)];
        }

        return [.. candidates.OrderBy(c => c.Ordinal).Take(n).Select(c => c.SeatId)];
    }
}

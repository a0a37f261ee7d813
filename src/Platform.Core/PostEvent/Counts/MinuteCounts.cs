using System.Collections.Concurrent;

namespace Platform.PostEvent.Counts;

/// <summary>
/// Counts per key and minute kept in memory until a flusher takes them: the hot path pays a dictionary lookup and an
/// interlocked add. <see cref="Drain"/> exchanges each box to zero, so a count added meanwhile stays for the next round,
/// and drops the boxes of minutes that ended over two minutes ago: nothing records into a past minute, so removing them
/// cannot lose a count, and the dictionary holds only the last minutes' keys.
/// </summary>
internal sealed class MinuteCounts<TKey>(TimeProvider clock, Func<TKey, long> minuteOf)
    where TKey : notnull
{
    private sealed class Box
    {
        public long Value;
    }

    private readonly ConcurrentDictionary<TKey, Box> counts = new();

    /// <summary>The current minute, as keys carry it (Unix minutes).</summary>
    public long CurrentMinute => clock.GetUtcNow().ToUnixTimeSeconds() / 60;

    public int PendingKeys => counts.Count;

    public void Add(TKey key, long count)
    {
        var box = counts.GetOrAdd(key, static _ => new Box());
        Interlocked.Add(ref box.Value, count);
    }

    public List<(TKey Key, long Count)> Drain()
    {
        var stale = CurrentMinute - 2;
        var taken = new List<(TKey, long)>();
        foreach (var (key, box) in counts)
        {
            var value = Interlocked.Exchange(ref box.Value, 0);
            if (value != 0)
            {
                taken.Add((key, value));
            }

            if (minuteOf(key) < stale)
            {
                counts.TryRemove(key, out _);
            }
        }

        return taken;
    }

    /// <summary>Puts counts back after a failed write, so the next round retries them.</summary>
    public void Restore(IEnumerable<(TKey Key, long Count)> taken)
    {
        foreach (var (key, count) in taken)
        {
            Add(key, count);
        }
    }
}

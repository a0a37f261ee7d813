using System.Collections.Concurrent;

namespace Platform.AntiScalping;

/// <summary>
/// Sliding-window counters in the node's memory: for a key (tenant + signal + identity) the recent events, each with a
/// value (an e-mail, an address …) so both "how many" and "how many different" can be read. Memory, not PostgreSQL:
/// the order path gains no round trip and no hot row (ADR 0047). Each node counts what it served, so behind N nodes
/// with round-robin a velocity reads about 1/N of the total; thresholds are set with that in mind. Bounded: a key keeps
/// at most <see cref="MaxPerKey"/> events and idle keys are swept.
/// </summary>
public sealed class RiskWindow(TimeSpan window)
{
    public const int MaxPerKey = 256;

    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    private long records;

    public TimeSpan Window { get; } = window;

    public int Keys => buckets.Count;

    /// <summary>Events of the key within the window before <paramref name="now"/>, and how many distinct values they carry.</summary>
    public (int Count, int Distinct) Read(string key, DateTimeOffset now)
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            return (0, 0);
        }

        lock (bucket)
        {
            bucket.Trim(now.UtcTicks - Window.Ticks);
            return (bucket.Events.Count, bucket.DistinctValues());
        }
    }

    /// <summary>Whether the key has seen <paramref name="value"/> within the window.</summary>
    public bool Seen(string key, long value, DateTimeOffset now)
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            return false;
        }

        lock (bucket)
        {
            bucket.Trim(now.UtcTicks - Window.Ticks);
            foreach (var e in bucket.Events)
            {
                if (e.Value == value)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public void Record(string key, long value, DateTimeOffset now)
    {
        var bucket = buckets.GetOrAdd(key, static _ => new Bucket());
        lock (bucket)
        {
            bucket.Trim(now.UtcTicks - Window.Ticks);
            if (bucket.Events.Count >= MaxPerKey)
            {
                bucket.Events.Dequeue();
            }

            bucket.Events.Enqueue((now.UtcTicks, value));
        }

        // Every 4,096 events, drop the keys nothing happened to within the window (memory stays bounded by traffic).
        if (Interlocked.Increment(ref records) % 4096 == 0)
        {
            Sweep(now);
        }
    }

    public void Sweep(DateTimeOffset now)
    {
        var cutoff = now.UtcTicks - Window.Ticks;
        foreach (var (key, bucket) in buckets)
        {
            lock (bucket)
            {
                bucket.Trim(cutoff);
                if (bucket.Events.Count == 0)
                {
                    buckets.TryRemove(new KeyValuePair<string, Bucket>(key, bucket));
                }
            }
        }
    }

    private sealed class Bucket
    {
        public Queue<(long At, long Value)> Events { get; } = new();

        public void Trim(long cutoff)
        {
            while (Events.Count > 0 && Events.Peek().At <= cutoff)
            {
                Events.Dequeue();
            }
        }

        public int DistinctValues()
        {
            if (Events.Count <= 1)
            {
                return Events.Count;
            }

            var seen = new HashSet<long>();
            foreach (var e in Events)
            {
                seen.Add(e.Value);
            }

            return seen.Count;
        }
    }
}

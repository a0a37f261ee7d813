using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Platform.PostEvent.Counts;

/// <summary>
/// This node's checkout outcomes per (tenant, event, minute, step, outcome) not yet written to
/// <c>event_outcome_counts</c>. The hot path pays a dictionary lookup and an interlocked add; the flusher takes the
/// counts out (<see cref="Drain"/>) and writes them in one statement per tenant.
/// </summary>
public sealed class EventOutcomeBuffer(TimeProvider clock)
{
    internal readonly record struct Key(Guid TenantId, Guid EventId, long Minute, string Step, string Outcome);

    private sealed class Box
    {
        public long Value;
    }

    private readonly ConcurrentDictionary<Key, Box> counts = new();

    /// <summary>Counts one request's outcome in the current minute.</summary>
    public void Record(Guid tenantId, Guid eventId, string step, string outcome, long count = 1)
    {
        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        Add(new Key(tenantId, eventId, minute, step, Truncate(outcome)), count);
    }

    internal void Add(Key key, long count)
    {
        var box = counts.GetOrAdd(key, static _ => new Box());
        Interlocked.Add(ref box.Value, count);
    }

    /// <summary>
    /// Takes every count out (each box is exchanged to zero, so a request counted meanwhile stays for the next flush).
    /// Boxes of minutes that ended over two minutes ago are removed: nothing records into a past minute, so removing
    /// them cannot lose a count, and the dictionary holds only the last minutes' keys.
    /// </summary>
    internal List<(Key Key, long Count)> Drain()
    {
        var stale = clock.GetUtcNow().ToUnixTimeSeconds() / 60 - 2;
        var taken = new List<(Key, long)>();
        foreach (var (key, box) in counts)
        {
            var value = Interlocked.Exchange(ref box.Value, 0);
            if (value != 0)
            {
                taken.Add((key, value));
            }

            if (key.Minute < stale)
            {
                counts.TryRemove(key, out _);
            }
        }

        return taken;
    }

    /// <summary>Puts counts back after a failed write, so the next flush retries them.</summary>
    internal void Restore(IEnumerable<(Key Key, long Count)> taken)
    {
        foreach (var (key, count) in taken)
        {
            Add(key, count);
        }
    }

    internal int PendingKeys => counts.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static string Truncate(string outcome) => outcome.Length <= 60 ? outcome : outcome[..60];
}

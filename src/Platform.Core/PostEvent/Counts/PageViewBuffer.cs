using System.Collections.Concurrent;

namespace Platform.PostEvent.Counts;

/// <summary>
/// Storefront event-page views on this node, per (tenant slug, event, minute), not yet written. The storefront counts
/// a view after the page answered 200 — cached or not, before tenant resolution — so it knows the slug, not the tenant
/// id; <see cref="EventOutcomeFlusher"/> resolves the slug when it writes the views as step <see cref="Step"/> of
/// <c>event_outcome_counts</c>. Only pages that answered 200 are counted, so keys are bounded by real listed events,
/// not by what a bot puts in a URL.
/// </summary>
public sealed class PageViewBuffer(TimeProvider clock)
{
    /// <summary>The step name views are written under, beside hold, order and payment.</summary>
    public const string Step = "view";

    internal readonly record struct Key(string Slug, Guid EventId, long Minute);

    private sealed class Box
    {
        public long Value;
    }

    private readonly ConcurrentDictionary<Key, Box> counts = new();

    public void Record(string slug, Guid eventId)
    {
        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        Add(new Key(slug.ToLowerInvariant(), eventId, minute), 1);
    }

    internal void Add(Key key, long count)
    {
        var box = counts.GetOrAdd(key, static _ => new Box());
        Interlocked.Add(ref box.Value, count);
    }

    /// <summary>Takes every count out; drops the boxes of minutes that ended over two minutes ago (as the outcome buffer does).</summary>
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
}

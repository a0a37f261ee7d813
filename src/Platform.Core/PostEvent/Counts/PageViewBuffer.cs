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

    private readonly MinuteCounts<Key> counts = new(clock, k => k.Minute);

    public void Record(string slug, Guid eventId) => counts.Add(new Key(slug.ToLowerInvariant(), eventId, counts.CurrentMinute), 1);

    internal List<(Key Key, long Count)> Drain() => counts.Drain();

    internal void Restore(IEnumerable<(Key Key, long Count)> taken) => counts.Restore(taken);
}

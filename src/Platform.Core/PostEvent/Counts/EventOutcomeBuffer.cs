using System.Runtime.CompilerServices;

namespace Platform.PostEvent.Counts;

/// <summary>
/// This node's checkout outcomes per (tenant, event, minute, step, outcome) not yet written to
/// <c>event_outcome_counts</c>. The hot path pays a dictionary lookup and an interlocked add (<see cref="MinuteCounts{TKey}"/>);
/// the flusher takes the counts out (<see cref="Drain"/>) and writes them in one statement per tenant.
/// </summary>
public sealed class EventOutcomeBuffer(TimeProvider clock)
{
    internal readonly record struct Key(Guid TenantId, Guid EventId, long Minute, string Step, string Outcome);

    private readonly MinuteCounts<Key> counts = new(clock, k => k.Minute);

    /// <summary>Counts one request's outcome in the current minute.</summary>
    public void Record(Guid tenantId, Guid eventId, string step, string outcome, long count = 1) =>
        counts.Add(new Key(tenantId, eventId, counts.CurrentMinute, step, Truncate(outcome)), count);

    internal void Add(Key key, long count) => counts.Add(key, count);

    /// <summary>Takes every count out; a request counted meanwhile stays for the next flush.</summary>
    internal List<(Key Key, long Count)> Drain() => counts.Drain();

    /// <summary>Puts counts back after a failed write, so the next flush retries them.</summary>
    internal void Restore(IEnumerable<(Key Key, long Count)> taken) => counts.Restore(taken);

    internal int PendingKeys => counts.PendingKeys;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static string Truncate(string outcome) => outcome.Length <= 60 ? outcome : outcome[..60];
}

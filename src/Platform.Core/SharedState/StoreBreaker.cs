using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Platform.SharedState;

/// <summary>
/// The fail-and-rest rule both shared limit stores follow (Redis, ADR 0061; PostgreSQL, ADR 0070): after a failure the
/// store is not asked again for <c>rest</c>, so an outage costs each limited request nothing instead of a timeout, and
/// every decision taken on the node's own counters meanwhile is counted in the store's own fallback metric (its name
/// stays the store's: dashboards and alerts use it). One warning per outage, not one per failed request.
/// </summary>
internal sealed class StoreBreaker(string store, Counter<long> fallbacks, TimeSpan rest, TimeProvider clock, ILogger logger)
{
    /// <summary>When the store may be asked again (UTC ticks); in the past while it is trusted.</summary>
    private long closedUntilTicks;

    /// <summary>
    /// Whether the store is resting after a failure; when it is, the decision is the node's and is counted for
    /// <paramref name="use"/> (null: a call whose outcome is no decision, such as a lease given back).
    /// </summary>
    public bool Resting(string? use)
    {
        if (clock.GetUtcNow().UtcTicks >= Interlocked.Read(ref closedUntilTicks))
        {
            return false;
        }

        Fallback(use);
        return true;
    }

    /// <summary>A decision taken on the node's counters without a failure of its own (e.g. Redis not connected yet).</summary>
    public void Fallback(string? use)
    {
        if (use is not null)
        {
            fallbacks.Add(1, new KeyValuePair<string, object?>("use", use));
        }
    }

    /// <summary>The store failed <paramref name="use"/>'s call: count it and rest; warn only when it was not already resting.</summary>
    public void Failed(string? use, Exception e)
    {
        Fallback(use);
        var now = clock.GetUtcNow().UtcTicks;
        // Not resting (by the same test as Resting: the deadline reached counts as over) means a new outage.
        if (Interlocked.Exchange(ref closedUntilTicks, now + rest.Ticks) <= now)
        {
            logger.LogWarning(e, "{Store} failed; limits are counted on this node for {Seconds} s", store, rest.TotalSeconds);
        }
    }
}

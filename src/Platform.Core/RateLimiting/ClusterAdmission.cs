using Microsoft.Extensions.Options;
using Platform.SharedState;

namespace Platform.RateLimiting;

/// <summary>
/// The cluster-wide half of checkout admission (ADR 0061): every node's checkout requests in progress, counted as
/// leases in the shared store (Redis, or PostgreSQL without Redis: <see cref="ISharedLimitStore"/>), so new holds are
/// refused when the cluster as a whole is at <see cref="AdmissionLimit.ClusterMaxInFlight"/> — the nodes share one
/// database, and N nodes each admitting their own cap would send it N× the work. A lease expires by itself after
/// <see cref="LeaseLifetime"/>, so a node killed mid-request cannot hold slots forever. Without a shared store (or while
/// it is down) <see cref="EnterAsync"/> answers null and only the node's own cap applies, as before.
/// </summary>
public sealed class ClusterAdmission(ISharedLimitStore store, IOptions<RateLimitOptions> options)
{
    /// <summary>Longer than any checkout request runs (the database commands time out well before).</summary>
    public static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(60);

    private readonly int cap = options.Value.CheckoutAdmission.ClusterMaxInFlight;

    /// <summary>Whether a shared store is configured to count in.</summary>
    public bool Enabled => store.Enabled;

    /// <summary>
    /// Takes a cluster slot: the lease id when admitted, "" when refused (only <paramref name="entry"/> steps can be),
    /// null when the store cannot decide (the caller then counts on the node alone).
    /// </summary>
    public Task<string?> EnterAsync(bool entry) => store.EnterAsync(entry, cap, LeaseLifetime);

    /// <summary>Gives a slot back (requests do not wait for it; a lost release expires with its lease).</summary>
    public Task LeaveAsync(string lease) => store.LeaveAsync(lease);
}

namespace Platform.SharedState;

/// <summary>
/// Where every node counts the limits they must share (ADR 0061, 0070): the rate-limit token buckets and the
/// cluster-wide checkout admission leases. Redis when one is configured, PostgreSQL when a deployment of several nodes
/// has no Redis (<c>SharedState:Store = Postgres</c>), otherwise none (<see cref="Enabled"/> false: each node counts
/// alone, which is exact for one node). Every call may answer null, meaning "the store cannot decide right now": the
/// caller then decides on the node's own counters, so a store outage never refuses or fails a request.
/// </summary>
public interface ISharedLimitStore
{
    /// <summary>Whether a shared store is configured (not whether it answers).</summary>
    bool Enabled { get; }

    /// <summary>
    /// Takes <paramref name="wanted"/> tokens from the bucket <paramref name="key"/> (full at <paramref name="capacity"/>,
    /// refilled continuously at <paramref name="perSecond"/> by the store's own clock), or null when it cannot decide.
    /// </summary>
    Task<BucketTake?> TakeAsync(string key, int capacity, double perSecond, int wanted);

    /// <summary>
    /// Takes a checkout slot of the cluster: the lease id when admitted, "" when refused (only an
    /// <paramref name="entry"/> step can be, when <paramref name="cap"/> leases are out), null when the store cannot decide.
    /// A lease expires after <paramref name="lifetime"/>, so a node killed mid-request cannot keep its slots.
    /// </summary>
    Task<string?> EnterAsync(bool entry, int cap, TimeSpan lifetime);

    /// <summary>Gives a slot back; a lost release changes nothing lasting (the lease expires).</summary>
    Task LeaveAsync(string lease);
}

/// <summary>A bucket's answer: whether the tokens were taken, how many are left, and how long until enough would be.</summary>
public readonly record struct BucketTake(bool Acquired, long Remaining, long WaitMilliseconds);

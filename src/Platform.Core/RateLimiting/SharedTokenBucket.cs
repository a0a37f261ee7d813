using System.Threading.RateLimiting;
using Platform.SharedState;

namespace Platform.RateLimiting;

/// <summary>
/// One partition's token bucket kept in the shared store (Redis, or PostgreSQL without Redis: <see cref="ISharedLimitStore"/>),
/// so every node takes from the same bucket: a caller gets the limit once, not once per node. The store refills it by
/// its own clock (no node clock skew) and takes tokens atomically, so concurrent requests from several nodes cannot
/// both spend the last token. When the store cannot answer, the request is decided by an ordinary in-memory bucket of
/// the same size on this node (ADR 0061: a store outage must not refuse traffic, and per-node limits are what the
/// platform had before).
/// </summary>
internal sealed class SharedTokenBucket(string key, RateLimitPartitionInfo info, ISharedLimitStore store, TokenBucketRateLimiterOptions local) : RateLimiter
{
    private static readonly RateLimitLease Acquired = new Lease(true, null);

    private readonly Lazy<TokenBucketRateLimiter> fallback = new(() => new TokenBucketRateLimiter(local));
    private long lastUsedTicks = DateTime.UtcNow.Ticks;
    private long remaining = info.Limit;
    private volatile bool fellBack;

    public override TimeSpan? IdleDuration =>
        fallback.IsValueCreated && fallback.Value.IdleDuration is null
            ? null // the local bucket is still refilling: dropping it would hand out a fresh burst
            : TimeSpan.FromTicks(DateTime.UtcNow.Ticks - Interlocked.Read(ref lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => fellBack
        ? fallback.Value.GetStatistics()
        : new RateLimiterStatistics { CurrentAvailablePermits = Interlocked.Read(ref remaining) };

    /// <summary>
    /// Always "not acquired" for a real request: ASP.NET Core's middleware then calls <see cref="AcquireAsyncCore"/>,
    /// which can ask the store without blocking a thread.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Acquired : new Lease(false, null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsedTicks, DateTime.UtcNow.Ticks);
        if (await store.TakeAsync(key, info.Limit, info.PerSecond, permitCount) is not { } answer)
        {
            fellBack = true;
            return fallback.Value.AttemptAcquire(permitCount);
        }

        fellBack = false;
        Interlocked.Exchange(ref remaining, answer.Remaining);
        return answer.Acquired ? Acquired : new Lease(false, TimeSpan.FromMilliseconds(Math.Max(1, answer.WaitMilliseconds)));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && fallback.IsValueCreated)
        {
            fallback.Value.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}

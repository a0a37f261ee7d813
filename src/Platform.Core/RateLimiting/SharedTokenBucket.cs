using System.Threading.RateLimiting;
using Platform.SharedState;
using StackExchange.Redis;

namespace Platform.RateLimiting;

/// <summary>
/// One partition's token bucket kept in Redis, so every node takes from the same bucket: a caller gets the limit once,
/// not once per node. The bucket is refilled continuously by Redis's own clock (no node clock skew), inside one Lua
/// script, so concurrent requests from several nodes cannot both spend the last token. When Redis cannot answer, the
/// request is decided by an ordinary in-memory bucket of the same size on this node (ADR 0061: a Redis outage must
/// not refuse traffic, and per-node limits are what the platform had before).
/// </summary>
internal sealed class SharedTokenBucket(string key, RateLimitPartitionInfo info, SharedCounters redis, TokenBucketRateLimiterOptions local) : RateLimiter
{
    // KEYS[1] bucket; ARGV: capacity, tokens per millisecond, tokens wanted. Answers {acquired 0|1, tokens left, ms to wait}.
    private const string Script = """
        local capacity = tonumber(ARGV[1])
        local per_ms = tonumber(ARGV[2])
        local wanted = tonumber(ARGV[3])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(bucket[1]) or capacity
        local at = tonumber(bucket[2]) or now
        tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
        local acquired = 0
        local wait = 0
        if tokens >= wanted then
          tokens = tokens - wanted
          acquired = 1
        else
          wait = math.ceil((wanted - tokens) / per_ms)
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
        redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / per_ms) + 1000)
        return { acquired, math.floor(tokens), wait }
        """;

    private static readonly RateLimitLease Acquired = new Lease(true, null);

    private readonly RedisKey redisKey = redis.Key("ratelimit:" + key);
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
    /// which can ask Redis without blocking a thread.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Acquired : new Lease(false, null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsedTicks, DateTime.UtcNow.Ticks);
        var answer = await redis.EvaluateAsync("rate_limit", Script, [redisKey],
            [info.Limit, info.PerSecond / 1000.0, permitCount]);
        if (answer is null)
        {
            fellBack = true;
            return fallback.Value.AttemptAcquire(permitCount);
        }

        fellBack = false;
        var values = (long[])answer!;
        Interlocked.Exchange(ref remaining, values[1]);
        return values[0] == 1 ? Acquired : new Lease(false, TimeSpan.FromMilliseconds(Math.Max(1, values[2])));
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

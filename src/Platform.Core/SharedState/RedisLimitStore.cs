using StackExchange.Redis;

namespace Platform.SharedState;

/// <summary>
/// The limits in Redis (ADR 0061): a token bucket per partition as a hash refilled by Redis's own clock (no skew between
/// nodes) inside one Lua script, and the checkout admission leases as one sorted set scored by expiry. Atomic across
/// nodes: two nodes cannot both spend the last token or take the last slot.
/// </summary>
public sealed class RedisLimitStore(SharedCounters redis) : ISharedLimitStore
{
    // KEYS[1] bucket; ARGV: capacity, tokens per millisecond, tokens wanted. Answers {acquired 0|1, tokens left, ms to wait}.
    private const string TakeScript = """
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

    // KEYS[1] the lease set; ARGV: cap, entry (1 = a new hold, refusable), lease id, lifetime ms. Answers 1 = admitted.
    private const string EnterScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if ARGV[2] == '1' and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
          return 0
        end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
        return 1
        """;

    private readonly RedisKey admissionKey = redis.Key("admission:checkout");

    public bool Enabled => redis.Enabled;

    public async Task<BucketTake?> TakeAsync(string key, int capacity, double perSecond, int wanted)
    {
        var answer = await redis.EvaluateAsync("rate_limit", TakeScript, [redis.Key("ratelimit:" + key)], [capacity, perSecond / 1000.0, wanted]);
        if (answer is null)
        {
            return null;
        }

        var values = (long[])answer!;
        return new BucketTake(values[0] == 1, values[1], values[2]);
    }

    public async Task<string?> EnterAsync(bool entry, int cap, TimeSpan lifetime)
    {
        var lease = Guid.NewGuid().ToString("N");
        var answer = await redis.EvaluateAsync("admission", EnterScript, [admissionKey],
            [cap, entry ? 1 : 0, lease, (long)lifetime.TotalMilliseconds]);
        return answer is null ? null : (long)answer == 1 ? lease : "";
    }

    public Task LeaveAsync(string lease) => redis.RunAsync(db => db.SortedSetRemoveAsync(admissionKey, lease));
}

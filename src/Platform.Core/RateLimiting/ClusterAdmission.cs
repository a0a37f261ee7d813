using Microsoft.Extensions.Options;
using Platform.SharedState;
using StackExchange.Redis;

namespace Platform.RateLimiting;

/// <summary>
/// The cluster-wide half of checkout admission (ADR 0061): every node's checkout requests in progress, counted in one
/// Redis sorted set of leases, so new holds are refused when the cluster as a whole is at
/// <see cref="AdmissionLimit.ClusterMaxInFlight"/> — the nodes share one database, and N nodes each admitting
/// their own cap would send it N× the work. A lease expires by itself after <see cref="LeaseLifetime"/>, so a node
/// killed mid-request cannot hold slots forever. Without Redis (or while it is down) <see cref="EnterAsync"/> answers
/// null and only the node's own cap applies, as before.
/// </summary>
public sealed class ClusterAdmission(SharedCounters redis, IOptions<RateLimitOptions> options)
{
    /// <summary>Longer than any checkout request runs (the database commands time out well before).</summary>
    public static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(60);

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

    private readonly int cap = options.Value.CheckoutAdmission.ClusterMaxInFlight;
    private readonly RedisKey key = redis.Key("admission:checkout");

    /// <summary>Whether a Redis is configured to count in.</summary>
    public bool Enabled => redis.Enabled;

    /// <summary>
    /// Takes a cluster slot: the lease id when admitted, "" when refused (only <paramref name="entry"/> steps can be),
    /// null when Redis cannot decide (the caller then counts on the node alone).
    /// </summary>
    public async Task<string?> EnterAsync(bool entry)
    {
        var lease = Guid.NewGuid().ToString("N");
        var answer = await redis.EvaluateAsync("admission", EnterScript, [key],
            [cap, entry ? 1 : 0, lease, (long)LeaseLifetime.TotalMilliseconds]);
        return answer is null ? null : (long)answer == 1 ? lease : "";
    }

    /// <summary>Gives a slot back (requests do not wait for it; a lost release expires with its lease).</summary>
    public Task LeaveAsync(string lease) => redis.RunAsync(db => db.SortedSetRemoveAsync(key, lease));
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Observability;
using StackExchange.Redis;

namespace Platform.SharedState;

/// <summary>
/// The one Redis connection of a node, for counters every node must see (rate-limit buckets, checkout admission).
/// Every call is allowed to fail: <see cref="EvaluateAsync"/> answers null when Redis is not configured, not
/// connected, slow or broken, and the caller then decides on this node's own counters. After a failure Redis is left
/// alone for <see cref="RedisOptions.RetryAfterFailure"/>, so an outage costs each request nothing, not a timeout.
/// </summary>
public sealed class SharedCounters : IDisposable
{
    private static readonly Meter Meter = new(PlatformMetrics.MeterName);

    private static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("platform.redis.fallbacks", "{decision}",
        "Limit decisions taken on the node's own counters because Redis was unavailable, by use (rate_limit, admission).");

    private readonly RedisOptions options;
    private readonly StoreBreaker breaker;
    private readonly Task<ConnectionMultiplexer>? connecting;

    public SharedCounters(IOptions<RedisOptions> options, ILogger<SharedCounters> logger, TimeProvider clock)
    {
        this.options = options.Value;
        breaker = new StoreBreaker("Redis", Fallbacks, this.options.RetryAfterFailure, clock, logger);
        if (string.IsNullOrWhiteSpace(this.options.Configuration))
        {
            return;
        }

        var config = ConfigurationOptions.Parse(this.options.Configuration);
        // Start without Redis rather than refuse to start: limits fall back to the node's counters until it answers.
        config.AbortOnConnectFail = false;
        // Fail at once while disconnected instead of queueing commands until they time out: a request waits for no outage.
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.AsyncTimeout = this.options.TimeoutMilliseconds;
        config.SyncTimeout = this.options.TimeoutMilliseconds;
        config.ConnectTimeout = Math.Max(1000, this.options.TimeoutMilliseconds);
        connecting = ConnectionMultiplexer.ConnectAsync(config);
    }

    /// <summary>Whether a Redis is configured (not whether it answers).</summary>
    public bool Enabled => connecting is not null;

    public RedisKey Key(string name) => options.KeyPrefix + name;

    /// <summary>Runs a Lua script, or answers null when Redis cannot be used right now (<paramref name="use"/> names the caller in metrics).</summary>
    public async Task<RedisResult?> EvaluateAsync(string use, string script, RedisKey[] keys, RedisValue[] values)
    {
        var database = await DatabaseAsync(use);
        if (database is null)
        {
            return null;
        }

        try
        {
            return await database.ScriptEvaluateAsync(script, keys, values);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            breaker.Failed(use, e);
            return null;
        }
    }

    /// <summary>A command whose failure changes nothing (a lease given back: lost ones expire on their own).</summary>
    public async Task RunAsync(Func<IDatabase, Task> command)
    {
        if (await DatabaseAsync(null) is not { } database)
        {
            return;
        }

        try
        {
            await command(database);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            breaker.Failed(null, e);
        }
    }

    private async Task<IDatabase?> DatabaseAsync(string? use)
    {
        if (connecting is null)
        {
            return null;
        }

        if (breaker.Resting(use))
        {
            // Resting after a failure: decide locally.
            return null;
        }

        // The first requests after start wait for the first connection attempt (at most its ConnectTimeout).
        var connection = await connecting;
        if (!connection.IsConnected)
        {
            breaker.Fallback(use);
            return null;
        }

        return connection.GetDatabase();
    }

    public void Dispose()
    {
        if (connecting is { IsCompletedSuccessfully: true })
        {
            connecting.Result.Dispose();
        }
    }
}

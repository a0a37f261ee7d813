using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Observability;

namespace Platform.SharedState;

/// <summary>
/// The limits in PostgreSQL, for a deployment of several nodes without Redis (ADR 0070, <c>SharedState:Store =
/// Postgres</c>). One statement per decision, each a function call (migration <c>SharedLimitTables</c>) on UNLOGGED
/// tables: a bucket row locked, refilled by the database's clock and spent; admission leases counted under one
/// transaction-scoped advisory lock, so two nodes cannot both take the last slot. It costs a round trip to the database
/// that holds and orders need, which is why one node never uses it and Redis, when configured, wins. Like Redis, a
/// failure or a slow answer (over <see cref="SharedStateOptions.TimeoutMilliseconds"/>) hands the decision to the node
/// for <see cref="SharedStateOptions.RetryAfterFailure"/>.
/// </summary>
public sealed class PostgresLimitStore(NpgsqlDataSource database, IOptions<SharedStateOptions> options, ILogger<PostgresLimitStore> logger,
    TimeProvider clock) : ISharedLimitStore
{
    private static readonly Meter Meter = new(PlatformMetrics.MeterName);

    private static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("platform.shared_limits.postgres_fallbacks", "{decision}",
        "Limit decisions taken on the node's own counters because the PostgreSQL limit store did not answer in time, by use.");

    private readonly SharedStateOptions settings = options.Value;
    private readonly StoreBreaker breaker = new("The PostgreSQL limit store", Fallbacks, options.Value.RetryAfterFailure, clock, logger);
    private long calls;

    public bool Enabled => true;

    public async Task<BucketTake?> TakeAsync(string key, int capacity, double perSecond, int wanted)
    {
        // Buckets idle for an hour are dropped now and then (every 4,096 decisions on this node), so the table stays
        // the size of the recent callers.
        var sweep = Interlocked.Increment(ref calls) % 4096 == 0;
        return await RunAsync("rate_limit", async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(
                (sweep ? "DELETE FROM shared_rate_buckets WHERE at < clock_timestamp() - interval '1 hour'; " : "") +
                "SELECT acquired, remaining, wait_ms FROM shared_rate_take(@key, @capacity, @per_ms, @wanted)", connection);
            command.Parameters.AddWithValue("key", key);
            command.Parameters.AddWithValue("capacity", (double)capacity);
            command.Parameters.AddWithValue("per_ms", perSecond / 1000.0);
            command.Parameters.AddWithValue("wanted", wanted);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (sweep)
            {
                await reader.NextResultAsync(ct);
            }

            await reader.ReadAsync(ct);
            return (BucketTake?)new BucketTake(reader.GetBoolean(0), reader.GetInt64(1), reader.GetInt64(2));
        });
    }

    public async Task<string?> EnterAsync(bool entry, int cap, TimeSpan lifetime)
    {
        var lease = Guid.CreateVersion7();
        var admitted = await RunAsync("admission", async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT shared_admission_enter(@lease, @entry, @cap, @lifetime_ms)", connection);
            command.Parameters.AddWithValue("lease", lease);
            command.Parameters.AddWithValue("entry", entry);
            command.Parameters.AddWithValue("cap", cap);
            command.Parameters.AddWithValue("lifetime_ms", (int)lifetime.TotalMilliseconds);
            return (bool?)(bool)(await command.ExecuteScalarAsync(ct))!;
        });
        return admitted is null ? null : admitted.Value ? lease.ToString("N") : "";
    }

    public Task LeaveAsync(string lease) => RunAsync<bool?>(null, async (connection, ct) =>
    {
        await using var command = new NpgsqlCommand("DELETE FROM shared_admission_leases WHERE lease = @lease", connection);
        command.Parameters.AddWithValue("lease", Guid.ParseExact(lease, "N"));
        await command.ExecuteNonQueryAsync(ct);
        return true;
    });

    /// <summary>Runs one decision within the timeout, or answers null (and rests) when the database cannot give it.</summary>
    private async Task<T?> RunAsync<T>(string? use, Func<NpgsqlConnection, CancellationToken, Task<T?>> decide)
    {
        if (breaker.Resting(use))
        {
            return default;
        }

        using var timeout = new CancellationTokenSource(settings.TimeoutMilliseconds);
        try
        {
            await using var connection = await database.OpenConnectionAsync(timeout.Token);
            return await decide(connection, timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            breaker.Failed(use, e);
            return default;
        }
    }
}

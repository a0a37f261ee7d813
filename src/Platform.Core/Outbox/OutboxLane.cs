using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Outbox;

/// <summary>
/// One consumer's lane: a queue of tenants with work, <see cref="OutboxOptions.LaneWorkers"/> workers, and a stored
/// position per tenant (<see cref="OutboxLaneSql"/>). A tenant is queued at most once at a time; one queued while
/// its batch runs is run again afterwards (<see cref="LaneRuns"/>), so nothing committed meanwhile waits for the sweep;
/// a failed batch is retried after a short, growing delay rather than at the next sweep.
/// </summary>
internal sealed partial class OutboxLane(string name, IServiceScopeFactory scopes, OutboxOptions options, HorizonWatch horizon, ILogger logger)
{
    private readonly Channel<(Guid Tenant, bool Recover)> queue = System.Threading.Channels.Channel.CreateUnbounded<(Guid, bool)>();
    private readonly ConcurrentDictionary<(Guid, bool), byte> queued = new();

    private readonly LaneRuns runs = new();

    /// <summary>Consecutive failed rounds per tenant, for the retry delay.</summary>
    private readonly ConcurrentDictionary<Guid, int> failures = new();

    /// <summary>Tenants whose position row this process has seen to exist (the INSERT runs once per tenant and process).</summary>
    private readonly ConcurrentDictionary<Guid, byte> positioned = new();

    public string Name => name;

    public void Queue(Guid tenantId, bool recover)
    {
        if (queued.TryAdd((tenantId, recover), 0))
        {
            queue.Writer.TryWrite((tenantId, recover));
        }
    }

    public void Complete() => queue.Writer.TryComplete();

    public IEnumerable<Task> StartWorkers(CancellationToken ct) =>
        Enumerable.Range(0, options.LaneWorkers).Select(_ => Task.Run(() => WorkAsync(ct), CancellationToken.None));

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (tenantId, recover) in queue.Reader.ReadAllAsync(ct))
            {
                queued.TryRemove((tenantId, recover), out _);
                await RunTenantAsync(tenantId, ct);
                if (recover)
                {
                    await RecoverTenantAsync(tenantId, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>A worker's round for one tenant: deferred to the worker already running it, repeated while asked.</summary>
    private async Task RunTenantAsync(Guid tenantId, CancellationToken ct)
    {
        if (!runs.TryEnter(tenantId))
        {
            return;
        }

        try
        {
            Round round;
            do
            {
                round = await DispatchTenantCoreAsync(tenantId, ct);
            }
            while (runs.ExitOrContinue(tenantId));

            if (!round.Failed)
            {
                failures.TryRemove(tenantId, out _);
            }
            else
            {
                RetryLater(tenantId, ct);
            }

            if (round.HeldBackAt is { } seen)
            {
                horizon.Watch(this, tenantId, seen);
            }
        }
        catch (OperationCanceledException)
        {
            runs.Abandon(tenantId);
        }
    }

    /// <summary>
    /// Queues the tenant again after 1, 2, 4 … seconds (capped at the sweep interval): a database blip or a receiver's
    /// outage costs seconds, not a sweep, and a consumer that keeps failing is not retried in a tight loop.
    /// </summary>
    private void RetryLater(Guid tenantId, CancellationToken ct)
    {
        var attempt = failures.AddOrUpdate(tenantId, 1, (_, n) => Math.Min(n + 1, 16));
        var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
        _ = Task.Delay(delay < options.SweepInterval ? delay : options.SweepInterval, ct)
            .ContinueWith(_ => Queue(tenantId, recover: false), ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>Dispatches every pending event of one tenant through this lane, batch by batch.</summary>
    public Task DispatchTenantAsync(Guid tenantId, CancellationToken ct) => DispatchTenantCoreAsync(tenantId, ct);

    /// <summary>
    /// A round's outcome: whether a batch failed (logged; the position did not move, so nothing is lost), and the
    /// horizon that held committed events back after the last batch, if any did.
    /// </summary>
    private readonly record struct Round(bool Failed, ulong? HeldBackAt);

    private async Task<Round> DispatchTenantCoreAsync(Guid tenantId, CancellationToken ct)
    {
        try
        {
            // A short batch means the lane is caught up (or another node holds this tenant's lane): stop there instead
            // of paying for one more, empty, poll. Rows committed meanwhile notify again; rows an older transaction
            // still holds back are watched for (HorizonWatch), as their notification has been spent.
            (int Count, ulong? HeldBackAt) batch;
            do
            {
                batch = await DispatchBatchAsync(tenantId, ct);
            }
            while (batch.Count >= options.BatchSize);

            return new Round(false, batch.HeldBackAt);
        }
#pragma warning disable CA1031 // A lane must outlive any one failed batch; its position did not move.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            // The position did not move; the retry, the next notification or the sweep runs it again (at-least-once).
            Observability.PlatformMetrics.OutboxBatchFailed(name);
            LogDispatchFailed(logger, name, tenantId, e);
            return new Round(true, null);
        }
    }

    private async Task RecoverTenantAsync(Guid tenantId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            await Handler(scope.ServiceProvider).RecoverAsync(ct);
        }
#pragma warning disable CA1031 // as above
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogDispatchFailed(logger, name, tenantId, e);
        }
    }

    private IOutboxHandler Handler(IServiceProvider services) =>
        services.GetServices<IOutboxHandler>().First(h => string.Equals(h.Lane, name, StringComparison.Ordinal));

    private async Task<(int Count, ulong? HeldBackAt)> DispatchBatchAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var handler = Handler(scope.ServiceProvider);

        if (!positioned.ContainsKey(tenantId))
        {
            await TenantBatch.OnConnectionAsync(db, async c =>
            {
                await using var ensure = new TenantBatch(c, null, tenantId);
                ensure.Add(OutboxLaneSql.EnsurePosition, Uuid("t", tenantId), Text("lane", name));
                return await ensure.ExecuteAsync(ct);
            }, ct);
            positioned.TryAdd(tenantId, 0);
        }

        // The transaction gets an id only when the handler or the position's advance writes, just before the commit:
        // a consumer must keep slow work out of HandleAsync (CommittedAsync is for that), or it holds back every lane.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var dbTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        var events = new List<OutboxEvent>();
        string? lastTx = null;
        ulong? heldBackAt = null;
        await using (var batch = new TenantBatch(connection, dbTransaction, tenantId, db))
        {
            batch.Add(OutboxLaneSql.HeldBack, Uuid("t", tenantId));
            batch.Add(OutboxLaneSql.NextBatch, Uuid("t", tenantId), Text("lane", name),
                new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = options.BatchSize });
            await using var reader = await batch.ReadAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                heldBackAt = HorizonWatch.Parse(reader.GetString(0));
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                events.Add(new OutboxEvent(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
                lastTx = reader.GetString(4);
            }
        }

        if (events.Count == 0)
        {
            return (0, heldBackAt);
        }

        await handler.HandleAsync(events, ct);
        // Handlers may have added rows of their own; the position moves past the batch in the same transaction.
        await db.SaveChangesAsync(ct);
        await using (var advance = new TenantBatch(connection, dbTransaction, tenantId, db))
        {
            advance.Add(OutboxLaneSql.Advance, Text("tx", lastTx!), Uuid("id", events[^1].Id), Uuid("t", tenantId), Text("lane", name));
            await advance.ExecuteAsync(ct);
        }

        await transaction.CommitAsync(ct);
        var handledAt = DateTimeOffset.UtcNow;
        foreach (var e in events)
        {
            Observability.PlatformMetrics.OutboxHandled(name, e.OccurredAt, handledAt);
        }

        await handler.CommittedAsync(ct);
        return (events.Count, heldBackAt);
    }

    private static NpgsqlParameter Uuid(string n, Guid v) => new(n, NpgsqlDbType.Uuid) { Value = v };

    private static NpgsqlParameter Text(string n, string v) => new(n, NpgsqlDbType.Text) { Value = v };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox lane {Lane} for tenant {TenantId} failed; it will be retried")]
    private static partial void LogDispatchFailed(ILogger logger, string lane, Guid tenantId, Exception e);
}

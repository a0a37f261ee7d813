using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Outbox;

/// <summary>
/// Moves committed outbox rows to their consumers. It LISTENs on <see cref="Channel"/> (a trigger NOTIFYs the tenant
/// id, which PostgreSQL delivers only when the inserting transaction commits) and sweeps every active tenant each
/// <see cref="OutboxOptions.SweepInterval"/> for anything a missed notification left behind. Rows are taken with
/// FOR UPDATE SKIP LOCKED, so several app instances share the work without handing an event out twice at once.
/// </summary>
internal sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, IOptions<OutboxOptions> options, IOptions<DatabaseOptions> database,
    TimeProvider clock, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const string Channel = "outbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A connection of its own, outside the request pool, held for LISTEN.
        await using var listenerSource = new NpgsqlDataSourceBuilder(database.Value.ConnectionString) { Name = "outbox-listener" }.Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(listenerSource, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The dispatcher must survive a lost connection; it reconnects and sweeps.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogListenerFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        var notified = new HashSet<Guid>();
        connection.Notification += (_, e) =>
        {
            if (Guid.TryParse(e.Payload, out var tenantId))
            {
                notified.Add(tenantId);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        var nextSweep = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var tenants = new HashSet<Guid>(notified);
            notified.Clear();
            var sweep = now >= nextSweep;
            if (sweep)
            {
                tenants.UnionWith(await ActiveTenantsAsync(ct));
                nextSweep = now + options.Value.SweepInterval;
            }

            foreach (var tenantId in tenants)
            {
                await DispatchTenantAsync(tenantId, ct);
                if (sweep)
                {
                    await RecoverTenantAsync(tenantId, ct);
                }
            }

            // Wakes on the next notification (delivered while waiting) or for the next sweep.
            var wait = nextSweep - clock.GetUtcNow();
            if (notified.Count == 0 && wait > TimeSpan.Zero)
            {
                await connection.WaitAsync(wait, ct);
            }

            // WaitAsync hands over one notification at a time, and every committing checkout sends one: take all that
            // are already here, so one poll serves them all (measured: without this, most polls came back empty).
            while (await connection.WaitAsync(TimeSpan.FromMilliseconds(1), ct))
            {
            }
        }
    }

    private async Task<List<Guid>> ActiveTenantsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Set<Tenant>().AsNoTracking().Where(t => t.Status == TenantStatus.Active).Select(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Dispatches every undispatched event of one tenant, batch by batch. Public for the tests.</summary>
    public async Task DispatchTenantAsync(Guid tenantId, CancellationToken ct)
    {
        try
        {
            // A short batch means the tenant's queue was drained (or the rest is locked by another node's
            // dispatcher): stop there instead of paying for one more, empty, poll. Rows committed meanwhile
            // notify again.
            while (await DispatchBatchAsync(tenantId, ct) >= options.Value.BatchSize)
            {
            }
        }
        catch (Exception e) when (e is DbUpdateException or NpgsqlException or InvalidOperationException)
        {
            // Left undispatched; the next notification or sweep retries (at-least-once).
            LogDispatchFailed(logger, tenantId, e);
        }
    }

    private async Task RecoverTenantAsync(Guid tenantId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            foreach (var handler in scope.ServiceProvider.GetServices<IOutboxHandler>())
            {
                await handler.RecoverAsync(ct);
            }
        }
        catch (Exception e) when (e is DbUpdateException or NpgsqlException or InvalidOperationException)
        {
            LogDispatchFailed(logger, tenantId, e);
        }
    }

    private async Task<int> DispatchBatchAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.Set<OutboxMessage>()
            .FromSql($"SELECT * FROM outbox_messages WHERE tenant_id = {tenantId} AND dispatched_at IS NULL ORDER BY id LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED")
            .AsNoTracking()
            .ToListAsync(ct);
        if (batch.Count == 0)
        {
            return 0;
        }

        var events = batch.Select(m => new OutboxEvent(m.Id, m.Type, m.Payload, m.OccurredAt)).ToList();
        foreach (var handler in handlers)
        {
            await handler.HandleAsync(events, ct);
        }

        // Handlers may have added rows of their own (SaveChanges); the batch is then marked with ONE statement rather
        // than an UPDATE per message.
        await db.SaveChangesAsync(ct);
        var ids = batch.Select(m => m.Id).ToList();
        var now = clock.GetUtcNow();
        await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.DispatchedAt, now), ct);
        await transaction.CommitAsync(ct);
        foreach (var handler in handlers)
        {
            await handler.CommittedAsync(ct);
        }

        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox listener failed; reconnecting")]
    private static partial void LogListenerFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch for tenant {TenantId} failed; it will be retried")]
    private static partial void LogDispatchFailed(ILogger logger, Guid tenantId, Exception e);
}

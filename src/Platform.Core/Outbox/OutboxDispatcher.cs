using System.Collections.Concurrent;
using System.Threading.Channels;
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
/// Moves committed outbox rows to their consumers, one lane per consumer (<see cref="OutboxLane"/>): each lane has its
/// own queue of tenants, its own workers and its own stored position, so a slow lane never delays another. It LISTENs on
/// <see cref="Channel"/> (a trigger NOTIFYs the tenant id, which PostgreSQL delivers only when the inserting transaction
/// commits) and queues the tenant on every lane; every <see cref="OutboxOptions.SweepInterval"/> it queues every
/// active tenant (with recovery) for anything a missed notification left behind.
/// </summary>
internal sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, IOptions<OutboxOptions> options, IOptions<DatabaseOptions> database,
    TimeProvider clock, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const string Channel = "outbox";

    private readonly Lazy<IReadOnlyList<OutboxLane>> lanes = new(() => CreateLanes(scopes, options.Value, logger));

    public IReadOnlyList<OutboxLane> Lanes => lanes.Value;

    private static List<OutboxLane> CreateLanes(IServiceScopeFactory scopes, OutboxOptions options, ILogger logger)
    {
        using var scope = scopes.CreateScope();
        return [.. scope.ServiceProvider.GetServices<IOutboxHandler>().Select(h => h.Lane).Distinct(StringComparer.Ordinal)
            .Select(name => new OutboxLane(name, scopes, options, logger))];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Lanes.SelectMany(l => l.StartWorkers(stoppingToken)).ToList();
        // A connection of its own, outside the request pool, held for LISTEN.
        await using var listenerSource = new NpgsqlDataSourceBuilder(database.Value.ListenerConnectionString) { Name = "outbox-listener" }.Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(listenerSource, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The dispatcher must survive a lost connection; it reconnects and sweeps.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogListenerFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }

        foreach (var lane in Lanes)
        {
            lane.Complete();
        }

        await Task.WhenAll(workers);
    }

    private async Task ListenAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        connection.Notification += (_, e) =>
        {
            if (Guid.TryParse(e.Payload, out var tenantId))
            {
                foreach (var lane in Lanes)
                {
                    lane.Queue(tenantId, recover: false);
                }
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
            if (now >= nextSweep)
            {
                foreach (var tenantId in await ActiveTenantsAsync(ct))
                {
                    foreach (var lane in Lanes)
                    {
                        lane.Queue(tenantId, recover: true);
                    }
                }

                nextSweep = now + options.Value.SweepInterval;
            }

            // Notifications arrive (and are queued by the handler above) while waiting.
            var wait = nextSweep - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await connection.WaitAsync(wait, ct);
            }
        }
    }

    private async Task<List<Guid>> ActiveTenantsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Set<Tenant>().AsNoTracking().Where(t => t.Status == TenantStatus.Active).Select(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Runs every lane over the tenant's pending events, lanes side by side. Public for the tests.</summary>
    public Task DispatchTenantAsync(Guid tenantId, CancellationToken ct) =>
        Task.WhenAll(Lanes.Select(l => l.DispatchTenantAsync(tenantId, ct)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox listener failed; reconnecting")]
    private static partial void LogListenerFailed(ILogger logger, Exception e);
}

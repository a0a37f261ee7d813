using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Persistence;

namespace Platform.Outbox;

/// <summary>
/// Moves committed outbox rows to their consumers, one lane per consumer (<see cref="OutboxLane"/>): each lane has its
/// own queue of tenants, its own workers and its own stored position, so a slow lane never delays another. It LISTENs on
/// <see cref="Channel"/> (a trigger NOTIFYs the tenant id, which PostgreSQL delivers only when the inserting transaction
/// commits) and queues the tenant on every lane; every <see cref="OutboxOptions.SweepInterval"/> it asks the database,
/// in one round trip, which active tenants have work on which lane (<see cref="OutboxSweepSql"/>) and queues those
/// (with recovery) for anything a missed notification or a crash left behind. Events an older transaction held back
/// are queued again as soon as it ends (<see cref="HorizonWatch"/>).
/// </summary>
internal sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, IOptions<OutboxOptions> options, IOptions<DatabaseOptions> database, HorizonWatch horizon,
    TimeProvider clock, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const string Channel = "outbox";

    private readonly Lazy<IReadOnlyList<OutboxLane>> lanes = new(() => CreateLanes(scopes, options.Value, horizon, logger));

    public IReadOnlyList<OutboxLane> Lanes => lanes.Value;

    private static List<OutboxLane> CreateLanes(IServiceScopeFactory scopes, OutboxOptions options, HorizonWatch horizon, ILogger logger)
    {
        using var scope = scopes.CreateScope();
        return [.. scope.ServiceProvider.GetServices<IOutboxHandler>().Select(h => h.Lane).Distinct(StringComparer.Ordinal)
            .Select(name => new OutboxLane(name, scopes, options, horizon, logger))];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Lanes.SelectMany(l => l.StartWorkers(stoppingToken)).ToList();
        // A connection of its own, outside the request pool, held for LISTEN.
        await using var listenerSource = new NpgsqlDataSourceBuilder(database.Value.ListenerConnectionString) { Name = "outbox-listener" }.Build();
        workers.Add(Task.Run(() => WatchHorizonAsync(listenerSource, stoppingToken), CancellationToken.None));
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
                foreach (var (tenantId, lane) in await TenantsWithWorkAsync(source, ct))
                {
                    lane.Queue(tenantId, recover: true);
                }

                nextSweep = now + options.Value.SweepInterval;
            }

            // Notifications arrive (and are queued by the handler above) while waiting.
            if (ListenTimeout.Milliseconds(nextSweep - clock.GetUtcNow()) is { } wait)
            {
                await connection.WaitAsync(wait, ct);
            }
        }
    }

    private async Task WatchHorizonAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        try
        {
            await horizon.RunAsync(source, clock, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Active tenants with work on a lane: events past its position, or what its recovery picks up (ADR 0071).</summary>
    private async Task<List<(Guid Tenant, OutboxLane Lane)>> TenantsWithWorkAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        var byName = Lanes.ToDictionary(l => l.Name, StringComparer.Ordinal);
        await using var command = source.CreateCommand(OutboxSweepSql.Sweep);
        command.Parameters.Add(new NpgsqlParameter("lanes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = byName.Keys.ToArray() });
        var found = new List<(Guid, OutboxLane)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add((reader.GetGuid(0), byName[reader.GetString(1)]));
        }

        return found;
    }

    /// <summary>Runs every lane over the tenant's pending events, lanes side by side. Public for the tests.</summary>
    public Task DispatchTenantAsync(Guid tenantId, CancellationToken ct) =>
        Task.WhenAll(Lanes.Select(l => l.DispatchTenantAsync(tenantId, ct)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox listener failed; reconnecting")]
    private static partial void LogListenerFailed(ILogger logger, Exception e);
}

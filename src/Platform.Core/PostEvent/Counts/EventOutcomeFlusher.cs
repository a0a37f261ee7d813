using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.PostEvent.Counts;

/// <summary>
/// Writes <see cref="EventOutcomeBuffer"/> to <c>event_outcome_counts</c> every <see cref="PostEventOptions.FlushInterval"/>
/// and once more when the host stops: one statement per tenant (Row-Level Security needs the tenant), adding to the
/// minute's row when another node or an earlier flush wrote it. A failed write puts the counts back for the next
/// round. A crash loses what was counted since the last flush (ADR 0051).
/// </summary>
public sealed class EventOutcomeFlusher(EventOutcomeBuffer buffer, PageViewBuffer views, IServiceScopeFactory scopes, IOptions<PostEventOptions> options,
    TimeProvider clock, ILogger<EventOutcomeFlusher> logger) : BackgroundService
{
    private const string Upsert = """
        INSERT INTO event_outcome_counts (tenant_id, event_id, minute, step, outcome, count)
        SELECT @tenant, e, to_timestamp(m * 60), s, o, c FROM unnest(@events, @minutes, @steps, @outcomes, @counts) AS u(e, m, s, o, c)
        WHERE EXISTS (SELECT 1 FROM events ev WHERE ev.tenant_id = @tenant AND ev.id = u.e)
        ON CONFLICT (tenant_id, event_id, minute, step, outcome) DO UPDATE SET count = event_outcome_counts.count + excluded.count
        """;

    private readonly SemaphoreSlim gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushLoggedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the last counts.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushLoggedAsync(cancellationToken);
    }

    private async Task FlushLoggedAsync(CancellationToken ct)
    {
        try
        {
            await FlushAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be away for a moment: the counts were put back and the next round retries them.
            logger.LogWarning(ex, "Writing event outcome counts failed; retrying next round");
        }
    }

    /// <summary>Writes what this node counted so far; the report calls it first so its own node's last seconds are in.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await MoveViewsAsync(ct);
            var tenants = buffer.Drain().GroupBy(t => t.Key.TenantId).ToList();
            for (var i = 0; i < tenants.Count; i++)
            {
                try
                {
                    await WriteAsync(tenants[i].Key, [.. tenants[i]], ct);
                }
                catch
                {
                    buffer.Restore(tenants.Skip(i).SelectMany(t => t));
                    throw;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Moves the storefront's page views into the outcome buffer under their tenant's id, so one write per tenant
    /// carries both. A slug that no longer resolves (tenant renamed or deleted meanwhile) loses its views; a database
    /// failure while resolving puts them back.
    /// </summary>
    private async Task MoveViewsAsync(CancellationToken ct)
    {
        var taken = views.Drain();
        if (taken.Count == 0)
        {
            return;
        }

        var tenantIds = new Dictionary<string, Guid?>(StringComparer.Ordinal);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var directory = scope.ServiceProvider.GetRequiredService<TenantDirectory>();
            foreach (var slug in taken.Select(t => t.Key.Slug).Distinct())
            {
                tenantIds[slug] = (await directory.FindBySlugAsync(db, slug, ct))?.Id;
            }
        }
        catch
        {
            // Nothing was moved yet: all of it goes back for the next round.
            views.Restore(taken);

            throw;
        }

        foreach (var (key, count) in taken)
        {
            if (tenantIds[key.Slug] is { } tenantId)
            {
                buffer.Add(new EventOutcomeBuffer.Key(tenantId, key.EventId, key.Minute, PageViewBuffer.Step, "success"), count);
            }
        }
    }

    private async Task WriteAsync(Guid tenantId, List<(EventOutcomeBuffer.Key Key, long Count)> rows, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        await TenantBatch.OnConnectionAsync(db, async connection =>
        {
            await using var batch = new TenantBatch(connection, null, tenantId);
            batch.Add(Upsert,
                new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = tenantId },
                new NpgsqlParameter("events", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.Key.EventId).ToArray() },
                new NpgsqlParameter("minutes", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Key.Minute).ToArray() },
                new NpgsqlParameter("steps", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.Step).ToArray() },
                new NpgsqlParameter("outcomes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.Outcome).ToArray() },
                new NpgsqlParameter("counts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Count).ToArray() });
            return await batch.ExecuteAsync(ct);
        }, ct);
    }
}

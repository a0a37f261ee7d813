using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Platform.Outbox;

/// <summary>
/// Wakes lanes whose committed events were held back by an older transaction that was still running.
/// <para>
/// A lane reads only rows below the horizon (<c>pg_snapshot_xmin</c>, <see cref="OutboxLaneSql"/>). A commit's
/// notification can therefore find its own row invisible because some older writing transaction, of any tenant or of a
/// background job, had not ended yet. That notification is spent: nothing tells the tenant's lane when the older
/// transaction ends, so the row used to wait for the next sweep (a CI run saw a paid hold stay unsettled past 10 s).
/// The lane reports the horizon it saw instead, and this watch polls the horizon, one cheap query per process
/// whatever the number of tenants waiting, and queues each waiting lane again once the horizon has moved past it.
/// </para>
/// </summary>
internal sealed class HorizonWatch
{
    /// <summary>How often the horizon is read while some lane waits. Idle (nobody waiting) it reads nothing.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public const string HorizonSql = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";

    private readonly ConcurrentDictionary<(OutboxLane Lane, Guid Tenant), ulong> waiting = new();
    private readonly SemaphoreSlim someoneWaits = new(0);

    /// <summary>Queues <paramref name="tenantId"/> on <paramref name="lane"/> again once the horizon passes <paramref name="horizon"/>.</summary>
    public void Watch(OutboxLane lane, Guid tenantId, ulong horizon)
    {
        waiting.AddOrUpdate((lane, tenantId), horizon, (_, seen) => Math.Min(seen, horizon));
        if (someoneWaits.CurrentCount == 0)
        {
            someoneWaits.Release();
        }
    }

    public int Waiting => waiting.Count;

    /// <summary>Wakes every waiting lane whose horizon is now behind <paramref name="current"/>.</summary>
    public void Advance(ulong current)
    {
        foreach (var ((lane, tenantId), horizon) in waiting)
        {
            if (horizon < current && waiting.TryRemove(KeyValuePair.Create((lane, tenantId), horizon)))
            {
                lane.Queue(tenantId, recover: false);
            }
        }
    }

    public async Task RunAsync(NpgsqlDataSource source, TimeProvider clock, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (waiting.IsEmpty)
            {
                await someoneWaits.WaitAsync(ct);
                continue;
            }

            try
            {
                await using var command = source.CreateCommand(HorizonSql);
                Advance(Parse((string)(await command.ExecuteScalarAsync(ct))!));
            }
            catch (NpgsqlException)
            {
                // The database is unreachable: the lanes cannot read either; try again shortly (the sweep remains).
                await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
            }

            await Task.Delay(PollInterval, clock, ct);
        }
    }

    public static ulong Parse(string xid8) => ulong.Parse(xid8, NumberStyles.None, CultureInfo.InvariantCulture);
}

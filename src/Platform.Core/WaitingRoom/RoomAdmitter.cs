using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.WaitingRoom;

/// <summary>
/// Moves every open room's cursors at its rate, on every node, every <see cref="WaitingRoomOptions.AdmissionInterval"/>.
/// Each room is worked in its own transaction under a transaction-level advisory lock on the room, so one node at a
/// time admits it (the others skip it this round), and under the room row's lock. Admissions are earned by the
/// time elapsed since the room's own clock (<see cref="Room.LastTickAt"/>), not by how often this runs: a slow tick,
/// a lost node or two nodes in a row never change the rate over a window.
/// </summary>
public sealed class RoomAdmitter(IServiceScopeFactory scopes, IOptions<WaitingRoomOptions> options, TimeProvider clock, ILogger<RoomAdmitter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunAdmitter)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.AdmissionInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away for a moment; the next tick catches up (admissions are earned by time).
                logger.LogWarning(ex, "Waiting room admission tick failed");
            }
        }
    }

    public async Task TickAsync(CancellationToken ct)
    {
        List<ActiveRoom> rooms;
        using (var scope = scopes.CreateScope())
        {
            rooms = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<ActiveRoom>().AsNoTracking().ToListAsync(ct);
        }

        foreach (var active in rooms)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(active.RoomTenantId);
            await AdmitAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(), active.RoomTenantId, active.EventId, ct);
        }
    }

    private async Task AdmitAsync(PlatformDbContext db, Guid tenantId, Guid eventId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>(
            $"SELECT pg_try_advisory_xact_lock(hashtextextended('waiting-room:' || {eventId.ToString()}, 0)) AS \"Value\"").SingleAsync(ct);
        if (!locked)
        {
            return;
        }

        var room = await db.Set<Room>().FromSql($"SELECT * FROM waiting_rooms WHERE tenant_id = {tenantId} AND event_id = {eventId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (room is null || !RoomStates.IsOn(room.State))
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (!room.Shuffled && now >= room.OpensAt)
        {
            await DealPreOpeningPositionsAsync(db, room, ct);
        }

        Advance(room, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Earns admissions for the time since the room's clock and spends them: presale cohort first, then the general lane up to grey release's cap.</summary>
    internal static void Advance(Room room, DateTimeOffset now)
    {
        var elapsed = now - room.LastTickAt;
        room.LastTickAt = now;
        if (!room.Shuffled || room.State != RoomStates.Open || elapsed <= TimeSpan.Zero)
        {
            return;
        }

        room.Credit += room.RatePerMinute * elapsed.TotalMinutes;
        var admit = (long)Math.Floor(room.Credit);
        var presale = Math.Min(admit, room.PresaleNext - room.PresaleAdmitted);
        var general = Math.Min(admit - presale, Math.Max(0, RoomSnapshot.Of(room).GeneralCap - room.GeneralAdmitted));
        room.PresaleAdmitted += presale;
        room.GeneralAdmitted += general;
        room.Credit -= presale + general;

        // Admissions nobody was there to take are not banked: a lull must not be followed by a burst.
        room.Credit = Math.Min(room.Credit, 1);
    }

    /// <summary>Gives each lane's pre-opening arrivals a random order after the numbers already taken (none, normally).</summary>
    private static async Task DealPreOpeningPositionsAsync(PlatformDbContext db, Room room, CancellationToken ct)
    {
        var waiting = await db.Set<RoomTicket>().AsNoTracking().Where(t => t.EventId == room.EventId && t.Seq == null)
            .OrderBy(t => t.ArrivedAt).Select(t => new { t.Id, t.Lane }).ToListAsync(ct);
        var ids = new List<Guid>(waiting.Count);
        var seqs = new List<long>(waiting.Count);
        foreach (var lane in waiting.GroupBy(t => t.Lane))
        {
            var order = lane.Select(t => t.Id).ToList();
            PreQueueShuffle.Shuffle(order);
            var next = lane.Key == 0 ? room.PresaleNext : room.GeneralNext;
            foreach (var id in order)
            {
                ids.Add(id);
                seqs.Add(++next);
            }

            if (lane.Key == 0)
            {
                room.PresaleNext = next;
            }
            else
            {
                room.GeneralNext = next;
            }
        }

        if (ids.Count > 0)
        {
            var idParameter = new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() };
            var seqParameter = new NpgsqlParameter("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = seqs.ToArray() };
            var tenantParameter = new NpgsqlParameter("t", NpgsqlDbType.Uuid) { Value = room.TenantId };
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE waiting_room_tickets w SET seq = v.seq FROM unnest(@ids, @seqs) AS v(id, seq)
                WHERE w.tenant_id = @t AND w.id = v.id
                """, [idParameter, seqParameter, tenantParameter], ct);
        }

        room.Shuffled = true;
    }
}

using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Observability;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.WaitingRoom;

/// <summary>One room's figures as the last sample saw them.</summary>
public sealed record RoomSample(Guid TenantId, Guid EventId, bool Open, int RatePerMinute, long Queue, long Admittable, long Admitted,
    long PassesIssued, long PassesUsed, long PassesAbandoned);

/// <summary>
/// The waiting rooms' figures on the platform's meter (issue #16): queue length, buyers the admitter could admit now,
/// admitted, passes issued / used / abandoned, and the configured rate, per open or paused room. Prometheus reads them
/// from memory; this samples PostgreSQL every <see cref="WaitingRoomOptions.MetricsInterval"/> (one aggregate per
/// active room, the promoter's own figures query), so a scrape never touches the database.
/// Labels: <c>tenant</c> (capped like every tenant label) and <c>event</c>. The event label is bounded because only
/// active rooms are exported (a closed room's series end) and at most <see cref="WaitingRoomOptions.MetricsRoomCap"/>
/// of them, the busiest first.
/// </summary>
public sealed class RoomMetrics(IServiceScopeFactory scopes, IOptions<WaitingRoomOptions> options, TimeProvider clock, ILogger<RoomMetrics> logger)
    : BackgroundService
{
    private static readonly Meter Meter = new(PlatformMetrics.MeterName);

    private static volatile IReadOnlyList<RoomSample> samples = [];

    static RoomMetrics()
    {
        Meter.CreateObservableGauge("platform.waiting_room.queue_length", () => Observe(s => s.Queue), "{buyer}",
            "Buyers waiting in an active room (both lanes, including arrivals not yet given a position).");
        Meter.CreateObservableGauge("platform.waiting_room.admittable", () => Observe(s => s.Admittable), "{buyer}",
            "Waiting buyers the admitter may admit now (presale lane, and the general lane up to grey release's share).");
        Meter.CreateObservableCounter("platform.waiting_room.admitted", () => Observe(s => s.Admitted), "{buyer}",
            "Buyers admitted by an active room since it was created.");
        Meter.CreateObservableCounter("platform.waiting_room.passes_issued", () => Observe(s => s.PassesIssued), "{pass}",
            "Passes claimed by admitted buyers.");
        Meter.CreateObservableCounter("platform.waiting_room.passes_used", () => Observe(s => s.PassesUsed), "{pass}",
            "Passes a hold succeeded with.");
        Meter.CreateObservableCounter("platform.waiting_room.passes_abandoned", () => Observe(s => s.PassesAbandoned), "{pass}",
            "Passes that expired unused.");
        Meter.CreateObservableGauge("platform.waiting_room.rate_per_minute", () => Observe(s => s.RatePerMinute), "{buyer}",
            "The room's configured admission rate.");
        Meter.CreateObservableGauge("platform.waiting_room.open", () => Observe(s => s.Open ? 1 : 0), null,
            "1 while the room admits, 0 while it is paused.");
    }

    public static IReadOnlyList<RoomSample> Samples => samples;

    private static IEnumerable<Measurement<long>> Observe(Func<RoomSample, long> value) =>
        samples.Select(s => new Measurement<long>(value(s),
            new KeyValuePair<string, object?>("tenant", PlatformMetrics.TenantLabel(s.TenantId)), new KeyValuePair<string, object?>("event", s.EventId.ToString())));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MetricsInterval, clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The figures stay as last sampled; the next round retries.
                logger.LogWarning(ex, "Waiting room metrics sample failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Reads every active room's figures (each inside its tenant, like a request) and publishes them.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        List<ActiveRoom> rooms;
        using (var scope = scopes.CreateScope())
        {
            rooms = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<ActiveRoom>().AsNoTracking().ToListAsync(ct);
        }

        var abandonedBefore = clock.GetUtcNow() - options.Value.PassLifetime;
        var fresh = new List<RoomSample>(rooms.Count);
        foreach (var active in rooms)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(active.RoomTenantId);
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var room = await db.Set<Room>().AsNoTracking().FirstOrDefaultAsync(r => r.EventId == active.EventId, ct);
            if (room is null || !RoomStates.IsOn(room.State))
            {
                continue;
            }

            var counts = await db.Set<RoomTicket>().AsNoTracking().Where(t => t.EventId == room.EventId).GroupBy(_ => 1)
                .Select(g => new
                {
                    Unplaced = g.LongCount(t => t.Seq == null),
                    Issued = g.LongCount(t => t.PassIssuedAt != null),
                    Used = g.LongCount(t => t.PassUsedAt != null),
                    Abandoned = g.LongCount(t => t.PassIssuedAt < abandonedBefore && t.PassUsedAt == null),
                })
                .FirstOrDefaultAsync(ct);
            var presaleWaiting = room.PresaleNext - room.PresaleAdmitted;
            var generalWaiting = room.GeneralNext - room.GeneralAdmitted;
            var generalOpen = Math.Max(0, Math.Min(generalWaiting, RoomSnapshot.Of(room).GeneralCap - room.GeneralAdmitted));
            fresh.Add(new RoomSample(room.TenantId, room.EventId, room.State == RoomStates.Open, room.RatePerMinute,
                presaleWaiting + generalWaiting + (counts?.Unplaced ?? 0), room.Shuffled ? presaleWaiting + generalOpen : 0,
                room.PresaleAdmitted + room.GeneralAdmitted, counts?.Issued ?? 0, counts?.Used ?? 0, counts?.Abandoned ?? 0));
        }

        samples = [.. fresh.OrderByDescending(s => s.Queue).Take(options.Value.MetricsRoomCap)];
    }
}

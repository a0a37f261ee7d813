using Microsoft.EntityFrameworkCore;
using Platform.Persistence;

namespace Platform.Events;

/// <summary>Reads the live inventory of one occurrence: quota counters, and seat states counted per section.</summary>
internal static class InventoryReader
{
    public static async Task<OccurrenceInventoryResponse> ReadAsync(PlatformDbContext db, Guid occurrenceId, CancellationToken ct)
    {
        var quotas = await (from c in db.Set<QuotaCounter>().AsNoTracking()
                            join q in db.Set<Quota>().AsNoTracking() on c.QuotaId equals q.Id
                            where c.OccurrenceId == occurrenceId
                            orderby q.Id
                            select new QuotaCounterResponse(q.Id, q.Name, q.SectionId, c.Capacity, c.Held, c.Sold, c.Capacity - c.Held - c.Sold))
            .ToListAsync(ct);
        var states = await db.Set<EventSeat>().AsNoTracking().Where(s => s.OccurrenceId == occurrenceId)
            .GroupBy(s => new { s.SectionId, s.State })
            .Select(g => new StateCount(g.Key.SectionId, g.Key.State, g.Count()))
            .ToListAsync(ct);
        var sections = states.GroupBy(s => s.SectionId).OrderBy(g => g.Key).Select(g => new SeatStateCountResponse(g.Key,
            Count(g, SeatState.Available), Count(g, SeatState.Held), Count(g, SeatState.Sold), Count(g, SeatState.Blocked))).ToList();
        return new OccurrenceInventoryResponse(occurrenceId, quotas, sections);

        static int Count(IEnumerable<StateCount> rows, SeatState state) => rows.Where(r => r.State == state).Sum(r => r.Count);
    }

    private sealed record StateCount(Guid SectionId, SeatState State, int Count);
}

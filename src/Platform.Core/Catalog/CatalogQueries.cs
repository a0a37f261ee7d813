using Microsoft.EntityFrameworkCore;
using Platform.Events;
using Platform.Persistence;
using Platform.Venues;
using Platform.Sales;

namespace Platform.Catalog;

/// <summary>Reads for the public catalog; every query is limited to events the catalog may show.</summary>
internal static class CatalogQueries
{
    public static IQueryable<Event> Listed(PlatformDbContext db) =>
        db.Set<Event>().AsNoTracking()
            .Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.OnSale || e.Status == EventStatus.SoldOut);

    public static bool Offers(TicketType type, SalesChannel channel) => type.Channels.Contains(EventMapping.ChannelName(channel));

    public static async Task<AvailabilityResponse> AvailabilityAsync(
        PlatformDbContext db, Event ev, Guid occurrenceId, Guid? sectionId, SalesChannel channel, DateTimeOffset now, CancellationToken ct)
    {
        var types = (await db.Set<TicketType>().AsNoTracking().Where(t => t.EventId == ev.Id).OrderBy(t => t.Id).ToListAsync(ct))
            .Where(t => Offers(t, channel)).ToList();
        var counters = await db.Set<QuotaCounter>().AsNoTracking().Where(c => c.OccurrenceId == occurrenceId).ToListAsync(ct);
        var quotas = await db.Set<Quota>().AsNoTracking().Where(q => q.EventId == ev.Id).ToDictionaryAsync(q => q.Id, ct);
        var seatCounts = await db.Set<EventSeat>().AsNoTracking().Where(s => s.OccurrenceId == occurrenceId)
            .GroupBy(s => new { s.SectionId, s.PriceZoneId, s.State })
            .Select(g => new SeatCount(g.Key.SectionId, g.Key.PriceZoneId, g.Key.State, g.Count()))
            .ToListAsync(ct);

        int QuotaLeft(Guid quotaId) => counters.Where(c => c.QuotaId == quotaId).Select(c => c.Capacity - c.Held - c.Sold).FirstOrDefault();
        var ticketTypes = types.Select(t =>
        {
            var left = t.Kind == TicketKind.Seated
                ? seatCounts.Where(s => s.PriceZoneId == t.PriceZoneId && s.State == SeatState.Available).Sum(s => s.Count)
                : int.MaxValue;
            if (t.QuotaId is { } q)
            {
                left = Math.Min(left, QuotaLeft(q));
            }

            return new TicketTypeAvailability(t.Id, t.Name, left == int.MaxValue ? 0 : Math.Max(0, left));
        }).ToList();

        var sections = new List<SectionAvailability>();
        if (ev.VenueId is { } venueId)
        {
            var venueSections = await db.Set<VenueSection>().AsNoTracking().Where(s => s.VenueId == venueId).OrderBy(s => s.Id).ToListAsync(ct);
            foreach (var s in venueSections)
            {
                var seats = seatCounts.Where(c => c.SectionId == s.Id).ToList();
                var gaQuotas = counters.Where(c => quotas.TryGetValue(c.QuotaId, out var q) && q.SectionId == s.Id).ToList();
                if (seats.Count > 0)
                {
                    sections.Add(new SectionAvailability(s.Id, s.Code, s.Name, s.Kind, VenueMapping.ToPoints(s.Outline),
                        seats.Sum(c => c.Count), seats.Where(c => c.State == SeatState.Available).Sum(c => c.Count)));
                }
                else if (gaQuotas.Count > 0)
                {
                    sections.Add(new SectionAvailability(s.Id, s.Code, s.Name, s.Kind, VenueMapping.ToPoints(s.Outline),
                        gaQuotas.Sum(c => c.Capacity), gaQuotas.Sum(c => Math.Max(0, c.Capacity - c.Held - c.Sold))));
                }
            }
        }

        List<SeatAvailability>? seatStates = null;
        if (sectionId is { } sid)
        {
            seatStates = await (from es in db.Set<EventSeat>().AsNoTracking()
                                join seat in db.Set<Seat>().AsNoTracking() on es.SeatId equals seat.Id
                                where es.OccurrenceId == occurrenceId && es.SectionId == sid
                                orderby seat.Ordinal
                                select new SeatAvailability(seat.Id, seat.RowLabel, seat.SeatLabel, seat.X, seat.Y, seat.Accessible,
                                    seat.RestrictedView, es.PriceZoneId, es.State))
                .ToListAsync(ct);
        }

        return new AvailabilityResponse(occurrenceId, ev.Status, now, ticketTypes, sections, seatStates);
    }

    private sealed record SeatCount(Guid SectionId, Guid? PriceZoneId, SeatState State, int Count);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Storefront;
using Platform.Catalog;
using Platform.Events;
using Platform.Persistence;
using Platform.Sales;
using Platform.Venues;

namespace Platform.Api.Pages.Storefront.Events;

/// <summary>
/// An event: description, venue, every occurrence with its sale state (sold out, on sale soon with a countdown,
/// closed) and the price "from", each linking to ticket selection. Only listed events; anything else is a 404 page.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = StorefrontCache.Policy)]
public sealed class EventModel(PlatformDbContext db, StorefrontAvailability availability, TimeProvider clock) : StorefrontPage
{
    public Event Event { get; private set; } = null!;

    public Venue? Venue { get; private set; }

    public IReadOnlyList<OccurrenceRow> Occurrences { get; private set; } = [];

    public long? PriceFrom { get; private set; }

    public string? Currency { get; private set; }

    public DateTimeOffset? OpensAt { get; private set; }

    /// <summary>Reserved seating only (no GA type): a date leads straight to the seat map instead of ticket selection.</summary>
    public bool SeatedOnly { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await CatalogQueries.Listed(db).FirstOrDefaultAsync(e => e.Id == id, ct) is not { } ev)
        {
            return NotFoundPage();
        }

        Event = ev;
        var now = clock.GetUtcNow();
        Venue = ev.VenueId is { } venueId ? await db.Set<Venue>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == venueId, ct) : null;
        var types = (await db.Set<TicketType>().AsNoTracking().Where(t => t.EventId == id).ToListAsync(ct))
            .Where(t => CatalogQueries.Offers(t, SalesChannel.Web)).ToList();
        var cheapest = types.MinBy(t => t.PriceMinor);
        SeatedOnly = ev.VenueId is not null && types.Count > 0 && types.All(t => t.Kind == TicketKind.Seated);
        (PriceFrom, Currency) = (cheapest?.PriceMinor, cheapest?.Currency);
        var windows = await db.Set<SalesWindow>().AsNoTracking().Where(w => w.EventId == id && w.Channel == SalesChannel.Web).ToListAsync(ct);
        var state = SaleStates.Of(ev, windows, now);
        OpensAt = state == SaleState.SoonOnSale ? SaleStates.OpensAt(windows, now) : null;

        var rows = new List<OccurrenceRow>();
        foreach (var o in await db.Set<EventOccurrence>().AsNoTracking().Where(o => o.EventId == id && o.EndsAt > now).OrderBy(o => o.StartsAt).ToListAsync(ct))
        {
            var rowState = state;
            if (state == SaleState.OnSale)
            {
                var left = await availability.OfAsync(Shop.Id, ev, o.Id, null, ct);
                rowState = left.TicketTypes.Sum(t => (long)t.Available) == 0 ? SaleState.SoldOut : SaleState.OnSale;
            }

            rows.Add(new OccurrenceRow(o, rowState));
        }

        Occurrences = rows;
        return Page();
    }
}

public sealed record OccurrenceRow(EventOccurrence Occurrence, SaleState State);

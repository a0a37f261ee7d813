using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Storefront;
using Platform.Catalog;
using Platform.Events;
using Platform.Persistence;
using Platform.Sales;
using Platform.Venues;

namespace Platform.Api.Pages.Storefront;

/// <summary>
/// A tenant's storefront home at /t/{tenant}: its branding and every upcoming occurrence of its listed events (one
/// row per date, not only the first), each linking to its event page, with the price "from" and the sale state.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = StorefrontCache.Policy)]
public sealed class IndexModel(PlatformDbContext db, TimeProvider clock) : StorefrontPage
{
    public IReadOnlyList<StorefrontListing> Listings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var events = await CatalogQueries.Listed(db).Take(200).ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var occurrences = await db.Set<EventOccurrence>().AsNoTracking().Where(o => ids.Contains(o.EventId) && o.EndsAt > now)
            .OrderBy(o => o.StartsAt).Take(500).ToListAsync(ct);
        var types = (await db.Set<TicketType>().AsNoTracking().Where(t => ids.Contains(t.EventId)).ToListAsync(ct))
            .Where(t => CatalogQueries.Offers(t, SalesChannel.Web)).ToLookup(t => t.EventId);
        var windows = (await db.Set<SalesWindow>().AsNoTracking().Where(w => ids.Contains(w.EventId) && w.Channel == SalesChannel.Web).ToListAsync(ct))
            .ToLookup(w => w.EventId);
        var venueIds = events.Where(e => e.VenueId is not null).Select(e => e.VenueId!.Value).Distinct().ToList();
        var venues = await db.Set<Venue>().AsNoTracking().Where(v => venueIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        var byId = events.ToDictionary(e => e.Id);

        Listings = [.. occurrences.Select(o =>
        {
            var e = byId[o.EventId];
            var cheapest = types[e.Id].MinBy(t => t.PriceMinor);
            return new StorefrontListing(e.Id, o.Id, e.Title, e.Category, e.VenueId is { } v ? venues.GetValueOrDefault(v) : null, o.StartsAt,
                o.TimeZone, cheapest?.PriceMinor, cheapest?.Currency, SaleStates.Of(e, windows[e.Id], now));
        })];
    }
}

public sealed record StorefrontListing(Guid EventId, Guid OccurrenceId, string Title, string Category, string? Venue, DateTimeOffset StartsAt,
    string TimeZone, long? PriceFrom, string? Currency, SaleState State);

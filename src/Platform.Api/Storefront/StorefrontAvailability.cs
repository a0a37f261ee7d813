using Microsoft.Extensions.Caching.Memory;
using Platform.Catalog;
using Platform.Events;
using Platform.Persistence;
using Platform.Sales;

namespace Platform.Api.Storefront;

/// <summary>
/// Availability for the pages, from the same catalog query as the public availability endpoint and kept in memory
/// for the same second (CatalogEndpoints.AvailabilityTtl): during an on-sale, a page view costs no database work
/// for this part more than once a second per occurrence.
/// </summary>
public sealed class StorefrontAvailability(PlatformDbContext db, IMemoryCache cache, TimeProvider clock)
{
    /// <param name="fresh">Read the database now (and refresh the cached second): after a hold lost its seats the
    /// buyer must see the map as it is, not as it was up to a second ago.</param>
    public async Task<AvailabilityResponse> OfAsync(Guid tenantId, Event ev, Guid occurrenceId, Guid? section, CancellationToken ct, bool fresh = false)
    {
        var key = $"storefront:availability:{tenantId}:{ev.Id}:{occurrenceId}:{section}";
        if (!fresh && cache.TryGetValue(key, out AvailabilityResponse? cached) && cached is not null)
        {
            return cached;
        }

        var read = await CatalogQueries.AvailabilityAsync(db, ev, occurrenceId, section, SalesChannel.Web, clock.GetUtcNow(), ct);
        cache.Set(key, read, CatalogEndpoints.AvailabilityTtl);
        return read;
    }
}

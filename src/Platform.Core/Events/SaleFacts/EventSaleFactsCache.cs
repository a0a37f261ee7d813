using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Platform.Persistence;
using Platform.Pricing.Quotes;

namespace Platform.Events.SaleFacts;

/// <summary>
/// Keeps each event's <see cref="EventSaleFacts"/> for <see cref="Ttl"/>, so a hold or an order reads no catalog rows
/// (measured: four of a hold's five round trips were these reads, and round trips are what a checkout costs on this
/// machine). A change to the tenant's events, occurrences, windows, ticket types or pricing rules through this node
/// drops its entries at once (<see cref="SaleFactsInvalidation"/>); other nodes see it within the TTL. What must
/// never be stale — the event being on sale and its window open — is checked again inside the hold's own statement
/// batch (ADR 0016).
/// </summary>
public sealed class EventSaleFactsCache(IMemoryCache cache)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, long> generations = new();

    /// <summary>The event's facts, or null when the tenant has no such event. <paramref name="fresh"/> skips the cache.</summary>
    public async Task<EventSaleFacts?> GetAsync(PlatformDbContext db, Guid tenantId, Guid eventId, bool fresh, CancellationToken ct)
    {
        var key = Key(tenantId, eventId);
        if (!fresh && cache.TryGetValue(key, out EventSaleFacts? cached))
        {
            return cached;
        }

        var facts = await LoadAsync(db, eventId, ct);
        if (facts is not null)
        {
            cache.Set(key, facts, Ttl);
        }

        return facts;
    }

    /// <summary>Forgets every cached event of the tenant on this node.</summary>
    public void Invalidate(Guid tenantId) => generations.AddOrUpdate(tenantId, 1, (_, g) => g + 1);

    private (Guid, Guid, long) Key(Guid tenantId, Guid eventId) => (tenantId, eventId, generations.GetValueOrDefault(tenantId));

    private static async Task<EventSaleFacts?> LoadAsync(PlatformDbContext db, Guid eventId, CancellationToken ct)
    {
        var ev = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (ev is null)
        {
            return null;
        }

        var occurrences = await db.Set<EventOccurrence>().AsNoTracking().Where(o => o.EventId == eventId).Select(o => o.Id).ToListAsync(ct);
        var windows = await db.Set<SalesWindow>().AsNoTracking().Where(w => w.EventId == eventId).ToListAsync(ct);
        var types = await db.Set<TicketType>().AsNoTracking().Where(t => t.EventId == eventId).ToDictionaryAsync(t => t.Id, ct);
        var rules = await PricingQuoteService.ActiveRulesAsync(db, eventId, ct);
        var holders = await db.Set<Tickets.EventTicketSettings>().AsNoTracking().Where(s => s.EventId == eventId)
            .Select(s => (Tickets.TicketHolderNames?)s.HolderNames).FirstOrDefaultAsync(ct);
        return new EventSaleFacts(ev, occurrences.ToHashSet(), windows, types, rules, holders ?? Tickets.TicketHolderNames.Buyer);
    }
}

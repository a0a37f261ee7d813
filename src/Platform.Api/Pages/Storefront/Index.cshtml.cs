using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Catalog;
using Platform.Events;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Api.Pages.Storefront;

/// <summary>
/// A tenant's public storefront at /t/{tenant} (or its custom host): branding and the events on sale. The tenant is
/// resolved, and a suspended one refused, by tenant resolution before this page runs.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(PlatformDbContext db, TenantContext tenant) : PageModel
{
    public Tenant? Tenant { get; private set; }

    public IReadOnlyList<StorefrontEvent> Events { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Tenant = tenant.TenantId is { } id ? await db.Set<Tenant>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) : null;
        if (Tenant is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var events = await CatalogQueries.Listed(db).OrderBy(e => e.Title).Take(100).ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var firstStarts = await db.Set<EventOccurrence>().AsNoTracking().Where(o => ids.Contains(o.EventId))
            .GroupBy(o => o.EventId).Select(g => new { g.Key, Starts = g.Min(o => o.StartsAt) }).ToDictionaryAsync(x => x.Key, x => x.Starts, ct);
        var prices = await db.Set<TicketType>().AsNoTracking().Where(t => ids.Contains(t.EventId))
            .GroupBy(t => t.EventId).Select(g => new { g.Key, From = g.Min(t => t.PriceMinor) }).ToDictionaryAsync(x => x.Key, x => x.From, ct);
        Events = [.. events
            .Select(e => new StorefrontEvent(e.Title, e.Category, e.Status == EventStatus.SoldOut,
                firstStarts.TryGetValue(e.Id, out var s) ? s : null, prices.TryGetValue(e.Id, out var p) ? p : null))
            .OrderBy(e => e.StartsAt)];
    }

    /// <summary>A minor-unit amount as the tenant's currency shows it (JPY has no decimals, KWD three).</summary>
    public string Price(long minor) =>
        Platform.Money.Currencies.Format(minor, Tenant!.DefaultCurrency, Tenant.Locale);
}

public sealed record StorefrontEvent(string Title, string? Category, bool SoldOut, DateTimeOffset? StartsAt, long? PriceFrom);

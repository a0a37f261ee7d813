using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Platform.Events;
using Platform.Http;
using Platform.Money;
using Platform.Persistence;
using Platform.Sales;
using Platform.Tenancy;
using Platform.Tenancy.PublicProfile;
using Platform.Venues;

namespace Platform.Catalog;

/// <summary>
/// The anonymous storefront API of one tenant (by slug): listed events only — never drafts, ended or cancelled
/// events, never another tenant's (the tenant query filter and RLS scope every read to the slug's tenant).
/// </summary>
public static class CatalogEndpoints
{
    /// <summary>Availability is served from memory for at most this long, so a sale shows up within a second.</summary>
    internal static readonly TimeSpan AvailabilityTtl = TimeSpan.FromSeconds(1);

    /// <summary>The event list and detail are served from memory for at most this long (per tenant and query).</summary>
    internal static readonly TimeSpan ReadTtl = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerOptions EtagJson = CreateEtagJson();

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(TenantProfileEndpoints.PublicTenantPrefix + "/events")
            .WithTags("Public storefront").AllowAnonymous().WithStandardProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("", ListAsync).WithName("ListCatalogEvents")
            .WithSummary("Lists a tenant's published events, filtered by date range (from, to), text (q) and category; cursor-paginated.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCatalogEvent")
            .WithSummary("Gets a published event with its occurrences, ticket types offered on the channel and the tenant's branding.");
        group.MapGet("/{id:guid}/occurrences/{occurrenceId:guid}/availability", GetAvailabilityAsync).WithName("GetCatalogAvailability")
            .WithSummary("Gets live availability per ticket type and per section (and the seat states of one section with ?section=), at most 1 s old; supports ETag / If-None-Match.")
            .Produces(StatusCodes.Status304NotModified);
        return app;
    }

    private static async Task<Results<Ok<CursorPage<CatalogEventSummary>>, ProblemHttpResult>> ListAsync(
        PlatformDbContext db, TenantContext tenant, IMemoryCache cache, HttpContext http, DateTimeOffset? from, DateTimeOffset? to,
        string? q, string? category, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (from is not null && to is not null && to <= from)
        {
            errors["to"] = ["to must be after from."];
        }

        if (q is { Length: > 100 })
        {
            errors["q"] = ["q must be at most 100 characters."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        // The storefront's busiest read during an on-sale: served from memory for at most a second per tenant and query.
        var key = $"catalog:list:{tenant.RequiredTenantId}:{http.Request.QueryString}";
        var page = await cache.GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ReadTtl;
            return BuildListAsync(db, tenant, from, to, q, category, take, after, ct);
        });
        return TypedResults.Ok(page!);
    }

    private static async Task<CursorPage<CatalogEventSummary>> BuildListAsync(
        PlatformDbContext db, TenantContext tenant, DateTimeOffset? from, DateTimeOffset? to, string? q, string? category,
        int take, Guid? after, CancellationToken ct)
    {
        var query = CatalogQueries.Listed(db);
        if (from is not null || to is not null)
        {
            var occurrences = db.Set<EventOccurrence>().AsQueryable();
            if (from is { } f)
            {
                var fromUtc = f.ToUniversalTime();
                occurrences = occurrences.Where(o => o.EndsAt > fromUtc);
            }

            if (to is { } t)
            {
                var toUtc = t.ToUniversalTime();
                occurrences = occurrences.Where(o => o.StartsAt < toUtc);
            }

            query = query.Where(e => occurrences.Any(o => o.EventId == e.Id));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(e => EF.Functions.ILike(e.Title, pattern) || (e.Description != null && EF.Functions.ILike(e.Description, pattern)));
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            var c = category.Trim().ToLowerInvariant();
            query = query.Where(e => e.Category == c);
        }

        if (after is { } a)
        {
            query = query.Where(e => e.Id.CompareTo(a) > 0);
        }

        var events = await query.OrderBy(e => e.Id).Take(take + 1).ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var occurrencesById = (await db.Set<EventOccurrence>().AsNoTracking().Where(o => ids.Contains(o.EventId)).OrderBy(o => o.StartsAt).ToListAsync(ct))
            .ToLookup(o => o.EventId);
        var prices = (await db.Set<TicketType>().AsNoTracking().Where(t => ids.Contains(t.EventId)).ToListAsync(ct))
            .Where(t => CatalogQueries.Offers(t, SalesChannel.Web)).ToLookup(t => t.EventId);
        var venueIds = events.Where(e => e.VenueId is not null).Select(e => e.VenueId!.Value).Distinct().ToList();
        var venues = await db.Set<Venue>().AsNoTracking().Where(v => venueIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        var currency = await TenantCurrencyAsync(db, tenant, ct);

        return Cursor.Page(events, take, e => e.Id, e => new CatalogEventSummary(
            e.Id, e.Title, e.Category, e.Status, e.VenueId is { } v ? venues.GetValueOrDefault(v) : null,
            [.. occurrencesById[e.Id].Select(ToCatalog)],
            prices[e.Id].Select(t => (long?)t.PriceMinor).Min(), currency));
    }

    private static async Task<Results<Ok<CatalogEventResponse>, ProblemHttpResult>> GetAsync(
        Guid id, string? channel, PlatformDbContext db, TenantContext tenant, IMemoryCache cache, CancellationToken ct)
    {
        if (!QueryValues.TryParseEnum<SalesChannel>(channel, out var parsed))
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.",
                new Dictionary<string, string[]> { ["channel"] = [$"channel must be one of: {QueryValues.Allowed<SalesChannel>()}."] });
        }

        var selected = parsed ?? SalesChannel.Web;
        var key = $"catalog:event:{tenant.RequiredTenantId}:{id}:{selected}";
        var detail = await cache.GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ReadTtl;
            return BuildDetailAsync(id, selected, db, tenant, ct);
        });
        return detail is null ? ApiProblems.NotFound("event") : TypedResults.Ok(detail);
    }

    private static async Task<CatalogEventResponse?> BuildDetailAsync(
        Guid id, SalesChannel selected, PlatformDbContext db, TenantContext tenant, CancellationToken ct)
    {
        if (await CatalogQueries.Listed(db).FirstOrDefaultAsync(e => e.Id == id, ct) is not { } ev)
        {
            return null;
        }

        var tenantId = tenant.RequiredTenantId;
        var owner = await db.Set<Tenant>().AsNoTracking().FirstAsync(t => t.Id == tenantId, ct);
        var occurrences = await db.Set<EventOccurrence>().AsNoTracking().Where(o => o.EventId == id).OrderBy(o => o.StartsAt).ToListAsync(ct);
        var types = (await db.Set<TicketType>().AsNoTracking().Where(t => t.EventId == id).OrderBy(t => t.Id).ToListAsync(ct))
            .Where(t => CatalogQueries.Offers(t, selected)).ToList();
        var windows = await db.Set<SalesWindow>().AsNoTracking().Where(w => w.EventId == id && w.Channel == selected).OrderBy(w => w.OpensAt).ToListAsync(ct);
        var venue = ev.VenueId is { } venueId
            ? await db.Set<Venue>().AsNoTracking().Where(v => v.Id == venueId).Select(v => new CatalogVenue(v.Id, v.Name, v.Address)).FirstOrDefaultAsync(ct)
            : null;

        return new CatalogEventResponse(ev.Id, ev.Title, ev.Description, ev.Category, ev.Status, ev.TimeZone, venue,
            [.. occurrences.Select(ToCatalog)],
            [.. types.Select(t => new CatalogTicketType(t.Id, t.Name, t.Kind, t.PriceZoneId, new MoneyResponse(t.PriceMinor, t.Currency), t.MinPerOrder, t.MaxPerOrder))],
            [.. windows.Select(w => new CatalogSalesWindow(w.Channel, w.OpensAt, w.ClosesAt))],
            new CatalogBranding(owner.DisplayName, owner.Locale, owner.Branding.LogoUrl, owner.Branding.PrimaryColor, owner.Branding.AccentColor));
    }

    private static async Task<Results<Ok<AvailabilityResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAvailabilityAsync(
        Guid id, Guid occurrenceId, Guid? section, string? channel, HttpContext http, PlatformDbContext db, TenantContext tenant,
        IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        if (!QueryValues.TryParseEnum<SalesChannel>(channel, out var parsed))
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.",
                new Dictionary<string, string[]> { ["channel"] = [$"channel must be one of: {QueryValues.Allowed<SalesChannel>()}."] });
        }

        var selected = parsed ?? SalesChannel.Web;
        var key = $"catalog:availability:{tenant.RequiredTenantId}:{id}:{occurrenceId}:{section}:{selected}";
        if (!cache.TryGetValue(key, out CachedAvailability? cached) || cached is null)
        {
            var ev = await CatalogQueries.Listed(db).FirstOrDefaultAsync(e => e.Id == id, ct);
            if (ev is null || !await db.Set<EventOccurrence>().AnyAsync(o => o.Id == occurrenceId && o.EventId == id, ct))
            {
                return ApiProblems.NotFound(ev is null ? "event" : "occurrence");
            }

            var response = await CatalogQueries.AvailabilityAsync(db, ev, occurrenceId, section, selected, clock.GetUtcNow(), ct);
            cached = new CachedAvailability(response, ETagOf(response));
            cache.Set(key, cached, AvailabilityTtl);
        }

        http.Response.Headers.ETag = cached.ETag;
        http.Response.Headers.CacheControl = "public, max-age=1";
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == cached.ETag || t == "*"))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(cached.Response);
    }

    /// <summary>The ETag hashes the state, not the time it was read, so it only changes when availability does.</summary>
    private static string ETagOf(AvailabilityResponse response)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(response with { AsOf = DateTimeOffset.UnixEpoch }, EtagJson);
        return $"\"{Convert.ToBase64String(SHA256.HashData(bytes), 0, 16).TrimEnd('=')}\"";
    }

    private static async Task<string> TenantCurrencyAsync(PlatformDbContext db, TenantContext tenant, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        return await db.Set<Tenant>().Where(t => t.Id == tenantId).Select(t => t.DefaultCurrency).FirstAsync(ct);
    }

    private static CatalogOccurrence ToCatalog(EventOccurrence o) => new(o.Id, o.DoorsAt, o.StartsAt, o.EndsAt, o.TimeZone);

    private static JsonSerializerOptions CreateEtagJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HttpExtensions.ConfigureJson(options);
        return options;
    }

    private sealed record CachedAvailability(AvailabilityResponse Response, string ETag);
}

using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Http;
using Platform.Money;
using Platform.Persistence;
using Platform.Sales;
using Platform.Samples;
using Platform.Tenancy;
using Platform.Venues;

namespace Platform.Events;

internal sealed record SampleQuota(string? Name, int? Capacity, string? Section);

internal sealed record SampleTicketType(
    string? Name, TicketKind? Kind, string? PriceZone, string? Quota, MoneyRequest? Price, int? MinPerOrder, int? MaxPerOrder,
    IReadOnlyList<SalesChannel>? Channels);

/// <summary>A demo event of a sample file; venues, price zones, sections and quotas are named, not referenced by id.</summary>
internal sealed record SampleEvent(
    string? Title, string? Description, string? Category, string? Venue, string? TimeZone,
    IReadOnlyList<OccurrenceRequest>? Occurrences, IReadOnlyList<SalesWindowRequest>? SalesWindows,
    IReadOnlyList<SampleQuota>? Quotas, IReadOnlyList<SampleTicketType>? TicketTypes, EventStatus? Status);

/// <summary>
/// The "events" section of a sample tenant file: demo events created through the same service as the API, each in one
/// transaction. Idempotent: an event whose title the tenant already has is left as is. Runs after the venues section.
/// </summary>
internal sealed class EventSampleLoader(
    EventService events, PlatformDbContext db, TenantContext tenant, IValidator<CreateEventRequest> eventValidator,
    IValidator<TicketTypeRequest> ticketValidator, IValidator<QuotaRequest> quotaValidator, ILogger<EventSampleLoader> logger) : ISampleSectionLoader
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    private static readonly EventStatus[] Path = [EventStatus.Published, EventStatus.OnSale, EventStatus.SoldOut];

    public string Section => "events";

    public IReadOnlyList<SampleError> Validate(JsonElement section)
    {
        List<SampleEvent> items;
        try
        {
            items = section.Deserialize<List<SampleEvent>>(Json) ?? [];
        }
        catch (JsonException ex)
        {
            return [new SampleError(ex.Path?.TrimStart('$') ?? "", ex.Message.Split(" Path:", 2)[0])];
        }

        var problems = new List<SampleError>();
        for (var i = 0; i < items.Count; i++)
        {
            var e = items[i];
            var at = $"[{i}]";
            problems.AddRange(eventValidator.Validate(ToRequest(e, null)).Errors.Select(x => new SampleError($"{at}.{x.PropertyName}", x.ErrorMessage)));
            var quotaNames = (e.Quotas ?? []).Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
            for (var q = 0; q < (e.Quotas?.Count ?? 0); q++)
            {
                var quota = e.Quotas![q];
                problems.AddRange(quotaValidator.Validate(new QuotaRequest(quota.Name, quota.Capacity, null)).Errors
                    .Select(x => new SampleError($"{at}.quotas[{q}].{x.PropertyName}", x.ErrorMessage)));
            }

            for (var t = 0; t < (e.TicketTypes?.Count ?? 0); t++)
            {
                var type = e.TicketTypes![t];
                var request = ToRequest(type, type.PriceZone is null ? null : Guid.Empty, type.Quota is null ? null : Guid.Empty, "XXX");
                problems.AddRange(ticketValidator.Validate(request).Errors.Select(x => new SampleError($"{at}.ticketTypes[{t}].{x.PropertyName}", x.ErrorMessage)));
                if (type.Quota is not null && !quotaNames.Contains(type.Quota))
                {
                    problems.Add(new SampleError($"{at}.ticketTypes[{t}].quota", $"quota {type.Quota} is not one of the event's quotas."));
                }
            }

            if (e.Status is { } status && status != EventStatus.Draft && !Path.Contains(status))
            {
                problems.Add(new SampleError($"{at}.status", "status must be draft, published, on_sale or sold_out."));
            }
        }

        return problems;
    }

    public async Task LoadAsync(JsonElement section, CancellationToken ct)
    {
        var items = section.Deserialize<List<SampleEvent>>(Json) ?? [];
        var tenantId = tenant.RequiredTenantId;
        var currency = await db.Set<Tenant>().Where(t => t.Id == tenantId).Select(t => t.DefaultCurrency).FirstAsync(ct);
        foreach (var item in items)
        {
            if (await db.Set<Event>().AnyAsync(e => e.Title == item.Title, ct))
            {
                logger.LogInformation("Sample event {Title} already present", item.Title);
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await LoadEventAsync(item, currency, ct);
            await transaction.CommitAsync(ct);
            logger.LogInformation("Sample event {Title} loaded", item.Title);
        }
    }

    private async Task LoadEventAsync(SampleEvent item, string currency, CancellationToken ct)
    {
        Venue? venue = null;
        if (item.Venue is not null)
        {
            venue = await db.Set<Venue>().FirstOrDefaultAsync(v => v.Name == item.Venue, ct)
                ?? throw new InvalidOperationException($"Sample event '{item.Title}': venue '{item.Venue}' does not exist.");
        }

        var zones = venue is null ? [] : await db.Set<PriceZone>().Where(z => z.VenueId == venue.Id).ToDictionaryAsync(z => z.Code, z => z.Id, ct);
        var sections = venue is null ? [] : await db.Set<VenueSection>().Where(s => s.VenueId == venue.Id).ToDictionaryAsync(s => s.Code, s => s.Id, ct);

        var ev = await events.CreateAsync(ToRequest(item, venue?.Id), ct);
        var quotas = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var q in item.Quotas ?? [])
        {
            var sectionId = q.Section is null ? (Guid?)null : sections.GetValueOrDefault(q.Section);
            quotas[q.Name!] = (await events.AddQuotaAsync(ev, new QuotaRequest(q.Name, q.Capacity, sectionId), ct)).Id;
        }

        foreach (var t in item.TicketTypes ?? [])
        {
            var zone = t.PriceZone is null ? (Guid?)null
                : zones.TryGetValue(t.PriceZone, out var z) ? z
                : throw new InvalidOperationException($"Sample event '{item.Title}': price zone '{t.PriceZone}' does not exist.");
            await events.AddTicketTypeAsync(ev, ToRequest(t, zone, t.Quota is null ? null : quotas[t.Quota], currency), ct);
        }

        foreach (var step in Path.TakeWhile(s => item.Status is { } target && target != EventStatus.Draft && Array.IndexOf(Path, s) <= Array.IndexOf(Path, target)))
        {
            await events.TransitionAsync(ev, step, ct);
        }
    }

    private static CreateEventRequest ToRequest(SampleEvent e, Guid? venueId) =>
        new(e.Title, e.Description, e.Category, venueId, e.TimeZone, e.Occurrences, e.SalesWindows);

    /// <summary>A sample price may leave out its currency: it is the tenant's.</summary>
    private static TicketTypeRequest ToRequest(SampleTicketType t, Guid? zone, Guid? quota, string currency) =>
        new(t.Name, t.Kind, zone, quota, t.Price is null ? null : t.Price with { Currency = t.Price.Currency ?? currency },
            t.MinPerOrder, t.MaxPerOrder, t.Channels);

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HttpExtensions.ConfigureJson(options);
        return options;
    }
}

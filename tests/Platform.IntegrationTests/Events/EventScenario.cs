using System.Net.Http.Json;
using Platform.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Tenancy.Administration;
using Platform.Venues;

namespace Platform.IntegrationTests.Events;

/// <summary>Builds venues and events over the HTTP API, the way a tenant's back office would.</summary>
internal sealed class EventScenario(PlatformFixture fixture, TenantResponse tenant)
{
    public TenantResponse Tenant { get; } = tenant;

    public HttpClient Owner { get; } = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));

    public static async Task<EventScenario> CreateAsync(PlatformFixture fixture, string currency = "EUR", string locale = "en") =>
        new(fixture, await fixture.CreateTenantAsync("ev", currency, locale));

    /// <summary>A venue with zones "front" and "back", a 3 × 4 seated section "A" (front rows A, B) and a GA area "PIT" of 100.</summary>
    public async Task<VenueResponse> CreateVenueAsync(string name = "Hall")
    {
        var venue = await (await Owner.PostAsJsonAsync("/api/v1/venues", new { name, address = "1 Main St" })).ReadAsync<VenueResponse>();
        foreach (var code in new[] { "front", "back" })
        {
            (await Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/price-zones", new { code, name = code, color = "#112233" })).EnsureSuccessStatusCode();
        }

        (await Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new
        {
            code = "A", name = "Section A", kind = "seated", priceZone = "back",
            grid = new { rows = 3, seatsPerRow = 4, rowPriceZones = new[] { new { row = "A", priceZone = "front" }, new { row = "B", priceZone = "front" } } },
        })).EnsureSuccessStatusCode();
        (await Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new { code = "PIT", name = "Pit", kind = "general_admission", capacity = 100 }))
            .EnsureSuccessStatusCode();
        return await (await Owner.GetAsync($"/api/v1/venues/{venue.Id}")).ReadAsync<VenueResponse>();
    }

    public async Task<EventResponse> CreateEventAsync(Guid? venueId = null, string title = "Spring Concert", string category = "concert",
        DateTimeOffset? startsAt = null)
    {
        var start = startsAt ?? new DateTimeOffset(2030, 5, 1, 19, 0, 0, TimeSpan.Zero);
        var response = await Owner.PostAsJsonAsync("/api/v1/events", new
        {
            title,
            description = "An evening of music",
            category,
            venueId,
            timeZone = "Europe/Berlin",
            occurrences = new[] { new { doorsAt = start.AddHours(-1), startsAt = start, endsAt = start.AddHours(3) } },
            salesWindows = new[] { new { channel = "web", opensAt = start.AddDays(-60), closesAt = start } },
        });
        return await response.ReadAsync<EventResponse>();
    }

    public async Task<QuotaResponse> AddQuotaAsync(Guid eventId, int capacity, Guid? sectionId = null) =>
        await (await Owner.PostAsJsonAsync($"/api/v1/events/{eventId}/quotas", new { name = "Floor", capacity, sectionId })).ReadAsync<QuotaResponse>();

    public async Task<TicketTypeResponse> AddGaTicketAsync(Guid eventId, Guid quotaId, long priceMinor = 2500) =>
        await (await Owner.PostAsJsonAsync($"/api/v1/events/{eventId}/ticket-types", new
        {
            name = "Standing", kind = "general_admission", quotaId, price = new { amount = priceMinor, currency = Tenant.DefaultCurrency }, maxPerOrder = 6,
        })).ReadAsync<TicketTypeResponse>();

    /// <summary>A seated ticket type of a price zone, optionally drawing from a quota on top of its seats.</summary>
    public async Task<TicketTypeResponse> AddSeatedTicketAsync(Guid eventId, Guid priceZoneId, long priceMinor = 5000, Guid? quotaId = null) =>
        await (await Owner.PostAsJsonAsync($"/api/v1/events/{eventId}/ticket-types", new
        {
            name = "Seat", kind = "seated", priceZoneId, quotaId, price = new { amount = priceMinor, currency = Tenant.DefaultCurrency },
        })).ReadAsync<TicketTypeResponse>();

    /// <summary>A published event with a GA ticket type drawing from a quota of <paramref name="capacity"/>.</summary>
    public async Task<EventResponse> PublishedGaEventAsync(string title = "Spring Concert", string category = "concert", int capacity = 50,
        DateTimeOffset? startsAt = null)
    {
        var ev = await CreateEventAsync(title: title, category: category, startsAt: startsAt);
        var quota = await AddQuotaAsync(ev.Id, capacity);
        await AddGaTicketAsync(ev.Id, quota.Id);
        return await (await Owner.PostAsync($"/api/v1/events/{ev.Id}/publish", null)).ReadAsync<EventResponse>();
    }
}

using System.Net.Http.Json;
using Npgsql;
using Platform.Events;
using Platform.Holds;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Venues;

namespace Platform.IntegrationTests.Holds;

/// <summary>An on-sale event (general admission or seated) and an anonymous buyer's client, built over HTTP.</summary>
internal sealed class CheckoutScenario
{
    private readonly PlatformFixture fixture;

    private CheckoutScenario(PlatformFixture fixture, EventScenario events)
    {
        this.fixture = fixture;
        Events = events;
        Public = fixture.CreateClient();
    }

    /// <summary>The web sales window runs from 60 days before the start until the start: open now.</summary>
    private static DateTimeOffset StartsAt => DateTimeOffset.UtcNow.AddDays(30);

    public EventScenario Events { get; }

    public HttpClient Owner => Events.Owner;

    /// <summary>An anonymous buyer (holds are keyed by token, so one client can act for many buyers).</summary>
    public HttpClient Public { get; }

    public string Prefix => $"/api/v1/public/tenants/{Events.Tenant.Slug}";

    public EventResponse Event { get; private set; } = null!;

    public Guid OccurrenceId => Event.Occurrences[0].Id;

    public Guid TicketTypeId => Event.TicketTypes[0].Id;

    public VenueMapResponse? Map { get; private set; }

    public static async Task<CheckoutScenario> GaAsync(PlatformFixture fixture, int capacity, string locale = "en", string title = "Spring Concert")
    {
        var s = new CheckoutScenario(fixture, await EventScenario.CreateAsync(fixture, locale: locale));
        var ev = await s.Events.PublishedGaEventAsync(title: title, capacity: capacity, startsAt: StartsAt);
        s.Event = await (await s.Owner.PostAsync($"/api/v1/events/{ev.Id}/open-sales", null)).ReadAsync<EventResponse>();
        return s;
    }

    /// <summary>
    /// Section "A" of 3 rows × 4 seats; the ticket type sells the 8 "front" seats (rows A and B), capped by a quota of
    /// <paramref name="quotaCapacity"/> when given.
    /// </summary>
    public static async Task<CheckoutScenario> SeatedAsync(PlatformFixture fixture, int? quotaCapacity = null)
    {
        var s = new CheckoutScenario(fixture, await EventScenario.CreateAsync(fixture));
        var venue = await s.Events.CreateVenueAsync();
        var ev = await s.Events.CreateEventAsync(venue.Id, startsAt: StartsAt);
        var quotaId = quotaCapacity is { } capacity ? (await s.Events.AddQuotaAsync(ev.Id, capacity)).Id : (Guid?)null;
        await s.Events.AddSeatedTicketAsync(ev.Id, venue.PriceZones.Single(z => z.Code == "front").Id, quotaId: quotaId);
        (await s.Owner.PostAsync($"/api/v1/events/{ev.Id}/publish", null)).EnsureSuccessStatusCode();
        s.Event = await (await s.Owner.PostAsync($"/api/v1/events/{ev.Id}/open-sales", null)).ReadAsync<EventResponse>();
        s.Map = await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}/map")).ReadAsync<VenueMapResponse>();
        return s;
    }

    public SectionMapResponse SectionA => Map!.Sections.Single(x => x.Code == "A");

    public Guid[] FrontSeats => [.. SectionA.Seats.Where(x => x.Row is "A" or "B").Select(x => x.Id)];

    public Task<HttpResponseMessage> HoldGaAsync(int quantity, string email, HttpClient? client = null) =>
        (client ?? Public).PostAsJsonAsync($"{Prefix}/holds", new
        {
            eventId = Event.Id, occurrenceId = OccurrenceId, buyerEmail = email,
            lines = new[] { new { ticketTypeId = TicketTypeId, quantity } },
        });

    public Task<HttpResponseMessage> HoldSeatsAsync(Guid[] seatIds, string email) =>
        Public.PostAsJsonAsync($"{Prefix}/holds", new
        {
            eventId = Event.Id, occurrenceId = OccurrenceId, buyerEmail = email,
            lines = new[] { new { ticketTypeId = TicketTypeId, seatIds } },
        });

    public Task<HttpResponseMessage> HoldBestAsync(int quantity, string email) =>
        Public.PostAsJsonAsync($"{Prefix}/holds", new
        {
            eventId = Event.Id, occurrenceId = OccurrenceId, buyerEmail = email,
            lines = new[] { new { ticketTypeId = TicketTypeId, sectionId = SectionA.Id, quantity } },
        });

    public HttpRequestMessage WithToken(HttpMethod method, string url, HoldResponse hold) =>
        new(method, url) { Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken } } };

    public async Task<QuotaCounterResponse> CounterAsync()
    {
        var inventory = await (await Owner.GetAsync($"/api/v1/events/{Event.Id}/occurrences/{OccurrenceId}/inventory"))
            .ReadAsync<OccurrenceInventoryResponse>();
        return inventory.Quotas.Single();
    }

    /// <summary>
    /// The counter once paid holds' units have moved from held to sold: that happens in batches just after payment
    /// (from the outbox, ADR 0006), so wait up to 10 s for no converted hold to be left unsettled.
    /// </summary>
    public async Task<QuotaCounterResponse> SettledCounterAsync()
    {
        for (var i = 0; i < 200 && await ScalarAsync<long>(
                 "SELECT count(*) FROM holds WHERE tenant_id = @t AND state = 'converted' AND NOT quota_settled") > 0; i++)
        {
            await Task.Delay(50);
        }

        return await CounterAsync();
    }

    /// <summary>Runs SQL as the superuser (no RLS), to see what the database itself says.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", Events.Tenant.Id);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Moves a hold's expiry (and its seats') into the past, as if its time had run out.</summary>
    public async Task ExpireAsync(Guid holdId)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            UPDATE holds SET expires_at = now() - interval '1 second', created_at = now() - interval '11 minutes' WHERE id = @h;
            UPDATE event_seats SET held_until = now() - interval '1 second' WHERE hold_id = @h;
            """, connection);
        command.Parameters.AddWithValue("h", holdId);
        await command.ExecuteNonQueryAsync();
    }
}

internal static class CheckoutFlow
{
    public static async Task<HoldResponse> HoldAsync(this CheckoutScenario s, int quantity, string email = "buyer@example.com") =>
        await (await s.HoldGaAsync(quantity, email)).ReadAsync<HoldResponse>();

    public static Task<HttpResponseMessage> OrderAsync(this CheckoutScenario s, HoldResponse hold, string? idempotencyKey = null,
        string? promoCode = null, string name = "Ada Lovelace", string email = "Ada@Example.com")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name, email, phone = "+49 30 1234567" }, promoCode }),
            Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken } },
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return s.Public.SendAsync(request);
    }

    public static async Task<Platform.Orders.OrderResponse> PlaceAsync(this CheckoutScenario s, int quantity = 2, string email = "buyer@example.com") =>
        await (await s.OrderAsync(await s.HoldAsync(quantity, email), email: email)).ReadAsync<Platform.Orders.OrderResponse>();

    public static Task<HttpResponseMessage> PayAsync(this CheckoutScenario s, Platform.Orders.OrderResponse order, string token = "tok_visa") =>
        s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders/{order.Id}/payments")
        {
            Content = JsonContent.Create(new { paymentToken = token }),
            Headers = { { Platform.Orders.OrderTokens.Header, order.OrderToken } },
        });
}

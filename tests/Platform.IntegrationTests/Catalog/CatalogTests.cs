using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Platform.Catalog;
using Platform.Events;
using Platform.Http;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Money;
using Platform.Sales;

namespace Platform.IntegrationTests.Catalog;

[Collection(PlatformCollection.Name)]
public sealed class CatalogTests(PlatformFixture fixture)
{
    private readonly HttpClient anonymous = fixture.CreateClient();

    private static string Events(EventScenario s) => $"/api/v1/public/tenants/{s.Tenant.Slug}/events";

    [Fact]
    public async Task ListCatalog_ShowsOnlyThisTenantsListedEvents()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var published = await s.PublishedGaEventAsync("Published");
        var onSale = await s.PublishedGaEventAsync("On sale");
        (await s.Owner.PostAsync($"/api/v1/events/{onSale.Id}/open-sales", null)).EnsureSuccessStatusCode();
        await s.CreateEventAsync(title: "Draft");
        var cancelled = await s.PublishedGaEventAsync("Cancelled");
        (await s.Owner.PostAsync($"/api/v1/events/{cancelled.Id}/cancel", null)).EnsureSuccessStatusCode();
        var other = await EventScenario.CreateAsync(fixture);
        await other.PublishedGaEventAsync("Elsewhere");

        var page = await (await anonymous.GetAsync(Events(s))).ReadAsync<CursorPage<CatalogEventSummary>>();

        Assert.Equal([published.Id, onSale.Id], page.Data.Select(e => e.Id));
        Assert.All(page.Data, e => Assert.Equal(2500, e.PriceFromMinor));
        Assert.All(page.Data, e => Assert.Equal("EUR", e.Currency));
    }

    [Fact]
    public async Task ListCatalog_FiltersByDateTextAndCategory_AndPaginates()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var may = new DateTimeOffset(2030, 5, 1, 19, 0, 0, TimeSpan.Zero);
        var jazz = await s.PublishedGaEventAsync("Jazz Night", "concert", startsAt: may);
        var comedy = await s.PublishedGaEventAsync("Comedy Gala", "comedy", startsAt: may.AddMonths(1));
        var rock = await s.PublishedGaEventAsync("Rock Night", "concert", startsAt: may.AddMonths(2));

        async Task<IEnumerable<Guid>> Ids(string query) =>
            (await (await anonymous.GetAsync(Events(s) + query)).ReadAsync<CursorPage<CatalogEventSummary>>()).Data.Select(e => e.Id);

        Assert.Equal([jazz.Id, rock.Id], await Ids("?category=concert"));
        Assert.Equal([jazz.Id, rock.Id], await Ids("?q=night"));
        Assert.Equal([comedy.Id], await Ids("?from=2030-05-15T00:00:00Z&to=2030-06-15T00:00:00Z"));
        Assert.Equal([rock.Id], await Ids("?q=night&from=2030-06-01T00:00:00Z"));

        var first = await (await anonymous.GetAsync(Events(s) + "?limit=2")).ReadAsync<CursorPage<CatalogEventSummary>>();
        var second = await (await anonymous.GetAsync(Events(s) + $"?limit=2&cursor={first.NextCursor}")).ReadAsync<CursorPage<CatalogEventSummary>>();
        Assert.Equal([jazz.Id, comedy.Id, rock.Id], first.Data.Concat(second.Data).Select(e => e.Id));
        Assert.Null(second.NextCursor);
        await (await anonymous.GetAsync(Events(s) + "?from=2030-06-01T00:00:00Z&to=2030-05-01T00:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetCatalogEvent_Published_ReturnsDetailWithBranding()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.PublishedGaEventAsync();

        var detail = await (await anonymous.GetAsync($"{Events(s)}/{ev.Id}")).ReadAsync<CatalogEventResponse>();

        Assert.Equal(ev.Title, detail.Title);
        Assert.Equal(s.Tenant.DisplayName, detail.Branding.DisplayName);
        Assert.Equal(s.Tenant.Branding.PrimaryColor, detail.Branding.PrimaryColor);
        Assert.Equal(new MoneyResponse(2500, s.Tenant.DefaultCurrency), Assert.Single(detail.TicketTypes).Price);
        Assert.Equal(SalesChannel.Web, Assert.Single(detail.SalesWindows).Channel);
        Assert.Single(detail.Occurrences);
    }

    [Fact]
    public async Task GetCatalogEvent_TicketTypeNotOfferedOnChannel_IsHidden()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.PublishedGaEventAsync();
        var type = ev.TicketTypes.Single();
        (await s.Owner.PatchAsJsonAsync($"/api/v1/events/{ev.Id}/ticket-types/{type.Id}", new { channels = new[] { "box_office" } })).EnsureSuccessStatusCode();

        var web = await (await anonymous.GetAsync($"{Events(s)}/{ev.Id}")).ReadAsync<CatalogEventResponse>();
        var boxOffice = await (await anonymous.GetAsync($"{Events(s)}/{ev.Id}?channel=box_office")).ReadAsync<CatalogEventResponse>();

        Assert.Empty(web.TicketTypes);
        Assert.Single(boxOffice.TicketTypes);
    }

    [Fact]
    public async Task GetCatalogEvent_DraftOrAnotherTenantsEvent_Returns404()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var draft = await s.CreateEventAsync();
        var other = await EventScenario.CreateAsync(fixture);
        var foreign = await other.PublishedGaEventAsync();

        await (await anonymous.GetAsync($"{Events(s)}/{draft.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"{Events(s)}/{foreign.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"{Events(s)}/{foreign.Id}/occurrences/{foreign.Occurrences[0].Id}/availability")).ProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"{Events(s)}/{draft.Id}/occurrences/{draft.Occurrences[0].Id}/availability")).ProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync("/api/v1/public/tenants/no-such-tenant-here/events")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Availability_GeneralAdmission_CountsFromQuotaAndSection()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();
        var ev = await s.CreateEventAsync(venue.Id);
        var pit = venue.Sections.Single(x => x.Code == "PIT");
        var quota = await s.AddQuotaAsync(ev.Id, 80, pit.Id);
        var type = await s.AddGaTicketAsync(ev.Id, quota.Id);
        (await s.Owner.PostAsync($"/api/v1/events/{ev.Id}/publish", null)).EnsureSuccessStatusCode();
        await ExecuteAsync("UPDATE quota_counters SET held = 5, sold = 10 WHERE quota_id = @q", quota.Id);

        var availability = await (await anonymous.GetAsync($"{Events(s)}/{ev.Id}/occurrences/{ev.Occurrences[0].Id}/availability")).ReadAsync<AvailabilityResponse>();

        Assert.Equal((type.Id, 65), (availability.TicketTypes.Single().TicketTypeId, availability.TicketTypes.Single().Available));
        var section = Assert.Single(availability.Sections);
        Assert.Equal((pit.Id, 80, 65), (section.SectionId, section.Capacity, section.Available));
        Assert.Null(availability.Seats);
    }

    [Fact]
    public async Task Availability_Seated_PerZoneAndSeatStatesOfASection()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();
        var ev = await s.CreateEventAsync(venue.Id);
        var front = await s.AddSeatedTicketAsync(ev.Id, venue.PriceZones.Single(z => z.Code == "front").Id);
        var back = await s.AddSeatedTicketAsync(ev.Id, venue.PriceZones.Single(z => z.Code == "back").Id);
        (await s.Owner.PostAsync($"/api/v1/events/{ev.Id}/publish", null)).EnsureSuccessStatusCode();
        var sectionA = venue.Sections.Single(x => x.Code == "A");
        await ExecuteAsync("""
            UPDATE event_seats es SET state = 'sold' FROM seats s
            WHERE s.id = es.seat_id AND es.occurrence_id = @q AND s.row_label = 'A' AND s.seat_label IN ('1', '2')
            """, ev.Occurrences[0].Id);

        var availability = await (await anonymous.GetAsync(
            $"{Events(s)}/{ev.Id}/occurrences/{ev.Occurrences[0].Id}/availability?section={sectionA.Id}")).ReadAsync<AvailabilityResponse>();

        Assert.Equal(6, availability.TicketTypes.Single(t => t.TicketTypeId == front.Id).Available);
        Assert.Equal(4, availability.TicketTypes.Single(t => t.TicketTypeId == back.Id).Available);
        Assert.Equal((12, 10), (availability.Sections.Single(x => x.SectionId == sectionA.Id).Capacity, availability.Sections.Single(x => x.SectionId == sectionA.Id).Available));
        Assert.Equal(12, availability.Seats!.Count);
        Assert.Equal(["A1", "A2"], availability.Seats.Where(x => x.State == SeatState.Sold).Select(x => x.Row + x.Seat));
    }

    [Fact]
    public async Task Availability_IfNoneMatch_Returns304UntilStateChanges()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.PublishedGaEventAsync(capacity: 30);
        var url = $"{Events(s)}/{ev.Id}/occurrences/{ev.Occurrences[0].Id}/availability";

        var first = await anonymous.GetAsync(url);
        first.EnsureSuccessStatusCode();
        var etag = first.Headers.ETag!.Tag;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var notModified = await anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag!.Tag);

        await ExecuteAsync("UPDATE quota_counters SET sold = 4 WHERE event_id = @q", ev.Id);
        await Task.Delay(CatalogEndpoints.AvailabilityTtl + TimeSpan.FromMilliseconds(200));

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var changed = await anonymous.SendAsync(again);
        var body = await changed.ReadAsync<AvailabilityResponse>();
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        Assert.Equal(26, body.TicketTypes.Single().Available);
    }

    private async Task ExecuteAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("q", id);
        await command.ExecuteNonQueryAsync();
    }
}

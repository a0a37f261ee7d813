using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.Auditing;
using Platform.Events;
using Platform.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Sales;

namespace Platform.IntegrationTests.Events;

[Collection(PlatformCollection.Name)]
public sealed class EventApiTests(PlatformFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2030, 5, 1, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateEvent_Series_ReturnsDraftWithOccurrencesAndWindows()
    {
        var s = await EventScenario.CreateAsync(fixture);

        var response = await s.Owner.PostAsJsonAsync("/api/v1/events", new
        {
            title = "Summer Nights", category = "Theatre", timeZone = "Asia/Shanghai",
            occurrences = new object[]
            {
                new { startsAt = Start, endsAt = Start.AddHours(2) },
                new { doorsAt = Start.AddDays(1).AddMinutes(-30), startsAt = Start.AddDays(1), endsAt = Start.AddDays(1).AddHours(2), timeZone = "Europe/London" },
            },
            salesWindows = new[]
            {
                new { channel = "web", opensAt = Start.AddDays(-30), closesAt = Start.AddDays(-10) },
                new { channel = "web", opensAt = Start.AddDays(-10), closesAt = Start },
                new { channel = "box_office", opensAt = Start.AddDays(-30), closesAt = Start },
            },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ev = await response.ReadAsync<EventResponse>();
        Assert.Equal(EventStatus.Draft, ev.Status);
        Assert.True(ev.IsSeries);
        Assert.Equal("theatre", ev.Category);
        Assert.Equal(["Asia/Shanghai", "Europe/London"], ev.Occurrences.Select(o => o.TimeZone));
        Assert.Equal(3, ev.SalesWindows.Count);
        var fetched = await (await s.Owner.GetAsync($"/api/v1/events/{ev.Id}")).ReadAsync<EventResponse>();
        Assert.Equal(ev.Occurrences.Select(o => o.StartsAt), fetched.Occurrences.Select(o => o.StartsAt));
    }

    [Fact]
    public async Task CreateEvent_OverlappingWindowsOfOneChannel_Returns422NamingTheWindow()
    {
        var s = await EventScenario.CreateAsync(fixture);

        var response = await s.Owner.PostAsJsonAsync("/api/v1/events", new
        {
            title = "X", category = "concert", timeZone = "Europe/Berlin",
            occurrences = new[] { new { startsAt = Start, endsAt = Start.AddHours(2) } },
            salesWindows = new[]
            {
                new { channel = "app", opensAt = Start.AddDays(-30), closesAt = Start.AddDays(-5) },
                new { channel = "app", opensAt = Start.AddDays(-10), closesAt = Start },
            },
        });

        Assert.Contains("salesWindows[1]", (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var list = await (await s.Owner.GetAsync("/api/v1/events")).ReadAsync<CursorPage<EventSummaryResponse>>();
        Assert.Empty(list.Data);
    }

    [Theory]
    [InlineData("inverted-window", "salesWindows[0].closesAt")]
    [InlineData("inverted-occurrence", "occurrences[0].endsAt")]
    [InlineData("doors-after-start", "occurrences[0].doorsAt")]
    [InlineData("time-zone", "timeZone")]
    [InlineData("no-occurrences", "occurrences")]
    public async Task CreateEvent_BadInput_Returns422NamingTheField(string @case, string field)
    {
        var s = await EventScenario.CreateAsync(fixture);
        var body = new Dictionary<string, object?>
        {
            ["title"] = "X", ["category"] = "concert", ["timeZone"] = @case == "time-zone" ? "Mars/Base" : "Europe/Berlin",
            ["occurrences"] = @case switch
            {
                "inverted-occurrence" => new[] { new { doorsAt = (DateTimeOffset?)null, startsAt = Start, endsAt = Start.AddHours(-1) } },
                "doors-after-start" => new[] { new { doorsAt = (DateTimeOffset?)Start.AddHours(1), startsAt = Start, endsAt = Start.AddHours(2) } },
                "no-occurrences" => Array.Empty<object>(),
                _ => new[] { new { doorsAt = (DateTimeOffset?)null, startsAt = Start, endsAt = Start.AddHours(2) } },
            },
            ["salesWindows"] = @case == "inverted-window" ? new[] { new { channel = "web", opensAt = Start, closesAt = Start.AddDays(-1) } } : null,
        };

        var response = await s.Owner.PostAsJsonAsync("/api/v1/events", body);

        Assert.Contains(field, (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task ReplaceSalesWindows_Valid_ReplacesAndAudits()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();

        var response = await s.Owner.PutAsJsonAsync($"/api/v1/events/{ev.Id}/sales-windows", new
        {
            salesWindows = new[] { new { channel = "reseller", opensAt = Start.AddDays(-3), closesAt = Start }, new { channel = "mini_program", opensAt = Start.AddDays(-3), closesAt = Start } },
        });

        var updated = await response.ReadAsync<EventResponse>();
        Assert.Equal([SalesChannel.Reseller, SalesChannel.MiniProgram], updated.SalesWindows.Select(w => w.Channel).Order());
        var audit = await (await s.Owner.GetAsync($"/api/v1/audit-log?entityType=event&entityId={ev.Id}")).ReadAsync<CursorPage<AuditEntryResponse>>();
        Assert.Contains(audit.Data, e => e.Action == "event.sales_windows_replaced");
    }

    [Fact]
    public async Task UpdateEvent_ChangesFieldsAndRecordsWhoChangedWhat()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();

        var updated = await (await s.Owner.PatchAsJsonAsync($"/api/v1/events/{ev.Id}", new { title = "Autumn Concert" })).ReadAsync<EventResponse>();

        Assert.Equal("Autumn Concert", updated.Title);
        var audit = await (await s.Owner.GetAsync($"/api/v1/audit-log?entityType=event&entityId={ev.Id}")).ReadAsync<CursorPage<AuditEntryResponse>>();
        var entry = Assert.Single(audit.Data, e => e.Action == "event.updated");
        Assert.StartsWith("user-", entry.Actor, StringComparison.Ordinal);
        Assert.Equal("Autumn Concert", entry.Changes!.Value.GetProperty("title").GetProperty("to").GetString());
    }

    [Fact]
    public async Task Lifecycle_FullPath_MovesThroughEveryStatus()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.PublishedGaEventAsync();
        Assert.Equal(EventStatus.Published, ev.Status);
        Assert.NotNull(ev.PublishedAt);

        foreach (var (verb, status) in new[] { ("open-sales", EventStatus.OnSale), ("mark-sold-out", EventStatus.SoldOut), ("open-sales", EventStatus.OnSale), ("end", EventStatus.Ended) })
        {
            var moved = await (await s.Owner.PostAsync($"/api/v1/events/{ev.Id}/{verb}", null)).ReadAsync<EventResponse>();
            Assert.Equal(status, moved.Status);
        }

        var audit = await (await s.Owner.GetAsync($"/api/v1/audit-log?entityType=event&entityId={ev.Id}")).ReadAsync<CursorPage<AuditEntryResponse>>();
        Assert.Equal(["event.created", "event.published", "event.on_sale", "event.sold_out", "event.on_sale", "event.ended"],
            audit.Data.Select(e => e.Action));
    }

    [Theory]
    [InlineData("open-sales")]
    [InlineData("mark-sold-out")]
    [InlineData("end")]
    public async Task Transition_InvalidFromDraft_Returns409(string verb)
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();

        var problem = await (await s.Owner.PostAsync($"/api/v1/events/{ev.Id}/{verb}", null)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("invalid_transition", problem.Code());
    }

    [Fact]
    public async Task Cancel_ThenAnyChange_Returns409()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();
        (await s.Owner.PostAsync($"/api/v1/events/{ev.Id}/cancel", null)).EnsureSuccessStatusCode();

        Assert.Equal("invalid_transition", (await (await s.Owner.PostAsync($"/api/v1/events/{ev.Id}/publish", null)).ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal("event_closed", (await (await s.Owner.PatchAsJsonAsync($"/api/v1/events/{ev.Id}", new { title = "Z" })).ProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task Publish_WithoutTicketTypes_Returns422AndStaysDraft()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();

        var problem = await (await s.Owner.PostAsync($"/api/v1/events/{ev.Id}/publish", null)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("no_ticket_types", problem.Code());
        Assert.Contains("ticketTypes", problem.ErrorFields());
        Assert.Equal(EventStatus.Draft, (await (await s.Owner.GetAsync($"/api/v1/events/{ev.Id}")).ReadAsync<EventResponse>()).Status);
    }

    [Fact]
    public async Task AddTicketType_OtherCurrency_Returns422NamingCurrency()
    {
        var s = await EventScenario.CreateAsync(fixture, currency: "EUR");
        var ev = await s.CreateEventAsync();
        var quota = await s.AddQuotaAsync(ev.Id, 10);

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/ticket-types", new
        {
            name = "GA", kind = "general_admission", quotaId = quota.Id, price = new { amount = 1000, currency = "USD" },
        });

        Assert.Contains("price.currency", (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task AddTicketType_NegativePrice_Returns422NamingPriceAmount()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();
        var quota = await s.AddQuotaAsync(ev.Id, 10);

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/ticket-types", new
        {
            name = "GA", kind = "general_admission", quotaId = quota.Id, price = new { amount = -1, currency = "EUR" },
        });

        Assert.Contains("price.amount", (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task AddTicketType_FractionalPrice_Returns400NamingPriceAmount()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();
        var quota = await s.AddQuotaAsync(ev.Id, 10);
        var json = $$$"""{"name":"GA","kind":"general_admission","quotaId":"{{{quota.Id}}}","price":{"amount":12.5,"currency":"EUR"}}""";

        var response = await s.Owner.PostAsync($"/api/v1/events/{ev.Id}/ticket-types", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Contains("price.amount", (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task AddTicketType_GeneralAdmissionWithoutQuota_Returns422()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/ticket-types", new { name = "GA", kind = "general_admission", price = new { amount = 100, currency = "EUR" } });

        Assert.Contains("quotaId", (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task UpdateTicketType_Price_IsAuditedWithFromAndTo()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();
        var quota = await s.AddQuotaAsync(ev.Id, 10);
        var type = await s.AddGaTicketAsync(ev.Id, quota.Id, priceMinor: 2500);

        var updated = await (await s.Owner.PatchAsJsonAsync($"/api/v1/events/{ev.Id}/ticket-types/{type.Id}", new { price = new { amount = 3000, currency = s.Tenant.DefaultCurrency }, channels = new[] { "web", "app" } }))
            .ReadAsync<TicketTypeResponse>();

        Assert.Equal(3000, updated.Price.Amount);
        Assert.Equal(s.Tenant.DefaultCurrency, updated.Price.Currency);
        Assert.Equal([SalesChannel.Web, SalesChannel.App], updated.Channels);
        var audit = await (await s.Owner.GetAsync($"/api/v1/audit-log?entityType=ticket_type&entityId={type.Id}")).ReadAsync<CursorPage<AuditEntryResponse>>();
        var price = Assert.Single(audit.Data, e => e.Action == "ticket_type.updated").Changes!.Value.GetProperty("priceMinor");
        Assert.Equal(2500, price.GetProperty("from").GetInt64());
        Assert.Equal(3000, price.GetProperty("to").GetInt64());
    }

    [Fact]
    public async Task EventEndpoints_AnotherTenantsEvent_Return404()
    {
        var owner = await EventScenario.CreateAsync(fixture);
        var ev = await owner.CreateEventAsync();
        var quota = await owner.AddQuotaAsync(ev.Id, 10);
        var type = await owner.AddGaTicketAsync(ev.Id, quota.Id);
        var other = await EventScenario.CreateAsync(fixture);
        var c = other.Owner;
        var id = ev.Id;

        await (await c.GetAsync($"/api/v1/events/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await c.PatchAsJsonAsync($"/api/v1/events/{id}", new { title = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await c.PostAsJsonAsync($"/api/v1/events/{id}/occurrences", new { startsAt = Start, endsAt = Start.AddHours(1) })).ProblemAsync(HttpStatusCode.NotFound);
        await (await c.PutAsJsonAsync($"/api/v1/events/{id}/sales-windows", new { salesWindows = Array.Empty<object>() })).ProblemAsync(HttpStatusCode.NotFound);
        await (await c.PostAsJsonAsync($"/api/v1/events/{id}/quotas", new { name = "q", capacity = 1 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await c.PatchAsJsonAsync($"/api/v1/events/{id}/quotas/{quota.Id}", new { capacity = 1 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await c.PostAsJsonAsync($"/api/v1/events/{id}/ticket-types", new { name = "t", kind = "general_admission", quotaId = quota.Id, price = new { amount = 1, currency = "EUR" } }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await c.PatchAsJsonAsync($"/api/v1/events/{id}/ticket-types/{type.Id}", new { price = new { amount = 1, currency = "EUR" } })).ProblemAsync(HttpStatusCode.NotFound);
        await (await c.GetAsync($"/api/v1/events/{id}/occurrences/{ev.Occurrences[0].Id}/inventory")).ProblemAsync(HttpStatusCode.NotFound);
        foreach (var verb in new[] { "publish", "open-sales", "mark-sold-out", "end", "cancel" })
        {
            await (await c.PostAsync($"/api/v1/events/{id}/{verb}", null)).ProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Equal(EventStatus.Draft, (await (await owner.Owner.GetAsync($"/api/v1/events/{id}")).ReadAsync<EventResponse>()).Status);
    }

    [Fact]
    public async Task ListEvents_FiltersByStatusAndPaginates()
    {
        var s = await EventScenario.CreateAsync(fixture);
        await s.CreateEventAsync(title: "One");
        await s.CreateEventAsync(title: "Two");
        var published = await s.PublishedGaEventAsync(title: "Three");

        var page1 = await (await s.Owner.GetAsync("/api/v1/events?limit=2")).ReadAsync<CursorPage<EventSummaryResponse>>();
        var page2 = await (await s.Owner.GetAsync($"/api/v1/events?limit=2&cursor={page1.NextCursor}")).ReadAsync<CursorPage<EventSummaryResponse>>();
        var onlyPublished = await (await s.Owner.GetAsync("/api/v1/events?status=published")).ReadAsync<CursorPage<EventSummaryResponse>>();

        Assert.Equal(["One", "Two", "Three"], page1.Data.Concat(page2.Data).Select(e => e.Title));
        Assert.Null(page2.NextCursor);
        Assert.Equal(published.Id, Assert.Single(onlyPublished.Data).Id);
        await (await s.Owner.GetAsync("/api/v1/events?status=nope")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateEvent_ApiClientWithReadScopeOnly_Returns403()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.CreateClient(TestCaller.ApiClient(tenant.Id, "events:read"));

        var response = await client.PostAsJsonAsync("/api/v1/events", new { title = "x" });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/events")).EnsureSuccessStatusCode();
    }
}

using System.Net.Http.Json;
using Npgsql;
using Platform.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Tenancy.Administration;

namespace Platform.BrowserTests;

/// <summary>A tenant with branding and an on-sale general admission event, built over the API as a back office would.</summary>
internal sealed class Shop
{
    private readonly PlatformFixture fixture;

    private Shop(PlatformFixture fixture, TenantResponse tenant)
    {
        this.fixture = fixture;
        Tenant = tenant;
        Owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));
    }

    public TenantResponse Tenant { get; }

    public HttpClient Owner { get; }

    public string Root => "/t/" + Tenant.Slug;

    public static async Task<Shop> CreateAsync(PlatformFixture fixture, string name, string locale, string currency, string timeZone, string? logoUrl = null)
    {
        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);
        var slug = $"{name.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}"[..24].TrimEnd('-');
        var response = await admin.PostAsJsonAsync("/api/v1/admin/tenants", new
        {
            slug, displayName = name, kind = "promoter", locale, timeZone, defaultCurrency = currency,
            branding = new { primaryColor = "#0F172A", accentColor = "#F59E0B", logoUrl },
        });
        return new Shop(fixture, await response.ReadAsync<TenantResponse>());
    }

    /// <summary>A published, on-sale GA event with one ticket type and <paramref name="dates"/> occurrences a week apart, a month ahead.</summary>
    public async Task<EventResponse> GaEventAsync(string title, long priceMinor, int capacity = 100, int dates = 1, string? timeZone = null,
        DateTimeOffset? salesOpen = null)
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(19), TimeSpan.Zero);
        var created = await (await Owner.PostAsJsonAsync("/api/v1/events", new
        {
            title,
            description = "Three bands, one warehouse, no seats. Doors open an hour before the first act.",
            category = "concert",
            timeZone = timeZone ?? Tenant.TimeZone,
            occurrences = Enumerable.Range(0, dates).Select(i => new
            {
                doorsAt = start.AddDays(7 * i).AddHours(-1), startsAt = start.AddDays(7 * i), endsAt = start.AddDays(7 * i).AddHours(3),
            }).ToArray(),
            salesWindows = new[] { new { channel = "web", opensAt = salesOpen ?? start.AddDays(-60), closesAt = start } },
        })).ReadAsync<EventResponse>();
        var quota = await (await Owner.PostAsJsonAsync($"/api/v1/events/{created.Id}/quotas", new { name = "Floor", capacity })).ReadAsync<QuotaResponse>();
        (await Owner.PostAsJsonAsync($"/api/v1/events/{created.Id}/ticket-types", new
        {
            name = "General admission", kind = "general_admission", quotaId = quota.Id, price = new { amount = priceMinor, currency = Tenant.DefaultCurrency }, maxPerOrder = 6,
        })).EnsureSuccessStatusCode();
        (await Owner.PostAsync($"/api/v1/events/{created.Id}/publish", null)).EnsureSuccessStatusCode();
        if (salesOpen is null)
        {
            (await Owner.PostAsync($"/api/v1/events/{created.Id}/open-sales", null)).EnsureSuccessStatusCode();
        }

        return await (await Owner.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventResponse>();
    }

    /// <summary>
    /// A published, on-sale reserved-seating event in a small theatre: "Stalls" (8 rows × 12, rows A–B premium, four
    /// accessible seats in row H, an aisle after seat 6) and "Circle" (4 rows × 16), with a seated ticket type per zone.
    /// With <paramref name="chinese"/> the tenant's own names (venue, sections, zones) are Chinese, as a Chinese theatre's are.
    /// </summary>
    public async Task<EventResponse> SeatedEventAsync(string title, long premium = 6000, long stalls = 3500, long circle = 2000, bool chinese = false)
    {
        var venue = await (await Owner.PostAsJsonAsync("/api/v1/venues", new { name = chinese ? "小剧场" : "Playhouse", address = chinese ? "戏院路 1 号" : "1 Stage Door" }))
            .ReadAsync<Platform.Venues.VenueResponse>();
        var (premiumName, stallsName, circleName) = chinese ? ("贵宾", "池座", "楼座") : ("Premium", "Stalls", "Circle");
        foreach (var (code, name, color) in new[] { ("premium", premiumName, "#B91C1C"), ("stalls", stallsName, "#047857"), ("circle", circleName, "#B45309") })
        {
            (await Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/price-zones", new { code, name, color })).EnsureSuccessStatusCode();
        }

        (await Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new
        {
            code = "ST", name = stallsName, kind = "seated", priceZone = "stalls",
            grid = new
            {
                rows = 8, seatsPerRow = 13, originX = -6, originY = 4, seatSpacing = 1, rowSpacing = 1.2,
                gaps = Enumerable.Range(0, 8).Select(r => new { row = ((char)('A' + r)).ToString(), seat = "7" }).ToArray(),
                accessible = new[] { "1", "2", "12", "13" }.Select(n => new { row = "H", seat = n }).ToArray(),
                rowPriceZones = new[] { new { row = "A", priceZone = "premium" }, new { row = "B", priceZone = "premium" } },
            },
        })).EnsureSuccessStatusCode();
        (await Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new
        {
            code = "CI", name = circleName, kind = "seated", priceZone = "circle",
            grid = new { rows = 4, seatsPerRow = 16, originX = -7.5, originY = 16, seatSpacing = 1, rowSpacing = 1.3 },
        })).EnsureSuccessStatusCode();
        var built = await (await Owner.GetAsync($"/api/v1/venues/{venue.Id}")).ReadAsync<Platform.Venues.VenueResponse>();
        var zones = built.PriceZones;
        // The view from the stalls, as the tenant would upload a photo: here a drawn stage seen from the seats.
        (await Owner.PutAsync($"/api/v1/venues/{venue.Id}/sections/{built.Sections.Single(x => x.Code == "ST").Id}/view",
            new ByteArrayContent(StageView()) { Headers = { ContentType = new("image/jpeg") } })).EnsureSuccessStatusCode();

        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(19), TimeSpan.Zero);
        var created = await (await Owner.PostAsJsonAsync("/api/v1/events", new
        {
            title, description = chinese ? "两幕剧。" : "A play in two acts.", category = "theatre", venueId = venue.Id, timeZone = Tenant.TimeZone,
            occurrences = new[] { new { doorsAt = start.AddHours(-1), startsAt = start, endsAt = start.AddHours(3) } },
            salesWindows = new[] { new { channel = "web", opensAt = start.AddDays(-60), closesAt = start } },
        })).ReadAsync<EventResponse>();
        foreach (var (code, price) in new[] { ("premium", premium), ("stalls", stalls), ("circle", circle) })
        {
            (await Owner.PostAsJsonAsync($"/api/v1/events/{created.Id}/ticket-types", new
            {
                name = zones.Single(z => z.Code == code).Name, kind = "seated", priceZoneId = zones.Single(z => z.Code == code).Id,
                price = new { amount = price, currency = Tenant.DefaultCurrency },
            })).EnsureSuccessStatusCode();
        }

        (await Owner.PostAsync($"/api/v1/events/{created.Id}/publish", null)).EnsureSuccessStatusCode();
        (await Owner.PostAsync($"/api/v1/events/{created.Id}/open-sales", null)).EnsureSuccessStatusCode();
        return await (await Owner.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventResponse>();
    }

    private static byte[] StageView()
    {
        using var bitmap = new SkiaSharp.SKBitmap(720, 300);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(new SkiaSharp.SKColor(0x1F, 0x29, 0x37));
            using var stage = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(0xF5, 0x9E, 0x0B) };
            canvas.DrawRect(180, 40, 360, 120, stage);
            using var seat = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(0x04, 0x78, 0x57) };
            for (var row = 0; row < 4; row++)
            {
                for (var x = 40 + (row * 10); x < 680 - (row * 10); x += 28)
                {
                    canvas.DrawCircle(x, 200 + (row * 26), 9 + row, seat);
                }
            }
        }

        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    /// <summary>Another buyer holds one seat through the public API (what a second phone does in the same second).</summary>
    public async Task HoldSeatAsync(EventResponse ev, string seatId)
    {
        using var other = fixture.CreateClient();
        var type = ev.TicketTypes.Single(t => t.Name == "Premium").Id;
        (await other.PostAsJsonAsync($"/api/v1/public/tenants/{Tenant.Slug}/holds", new
        {
            eventId = ev.Id, occurrenceId = ev.Occurrences[0].Id, buyerEmail = "fast@example.com",
            lines = new[] { new { ticketTypeId = type, seatIds = new[] { Guid.Parse(seatId) } } },
        })).EnsureSuccessStatusCode();
    }

    public async Task RuleAsync(object rule) => (await Owner.PostAsJsonAsync("/api/v1/pricing-rules", rule)).EnsureSuccessStatusCode();

    public async Task VoucherAsync(string code, int basisPoints) =>
        (await Owner.PostAsJsonAsync("/api/v1/vouchers", new { code, valueType = "percentage", basisPoints })).EnsureSuccessStatusCode();

    /// <summary>What the database itself says (as the superuser, no RLS), for assertions a page cannot make.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", Tenant.Id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", Tenant.Id);
        await command.ExecuteNonQueryAsync();
    }
}

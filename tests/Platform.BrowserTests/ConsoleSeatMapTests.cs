using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Venues;

namespace Platform.BrowserTests;

/// <summary>
/// The seat-map editor in the console (issue #15 item 2): an admin builds a curved section with a live preview, paints a
/// zone on a row, marks accessible and blocked seats, and the storefront sells exactly that map. Screenshots are
/// docs/manuals/seat-map.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleSeatMapTests(BrowserFixture browser)
{
    /// <summary>English labels of the venue pages; none may show in the Chinese console.</summary>
    private static readonly string[] EnglishLeftovers =
        ["Venues", "Price zones", "Sections", "Add section", "seats", "Export JSON", "Reload", "Selected", "Accessible", "Block", "Fit"];

    [Fact]
    public async Task Admin_CreatesVenue_AddsCurvedSection_PaintsRowAccessibleAndBlocked_StorefrontSellsThatMap()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var shop = await Shop.CreateAsync(fixture, "Curve Theatre Co", "en", "GBP", "Europe/London");
        var admin = await ConsoleStaff.InviteAsync(fixture, shop.Tenant.Id, shop.Tenant.Slug, "admin");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/venues", admin);

        // A venue, then its two price zones.
        await page.Field("venue-new-name").FillAsync("Curve Hall");
        await page.GetByTestId("venue-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("venue-title")).ToHaveTextAsync("Curve Hall");
        await Assertions.Expect(page.GetByTestId("venue-empty")).ToBeVisibleAsync();
        foreach (var (code, name, color) in new[] { ("std", "Standard", "#047857"), ("vip", "VIP", "#B91C1C") })
        {
            await page.Field("zone-code").FillAsync(code);
            await page.Field("zone-name").FillAsync(name);
            await page.Field("zone-color").FillAsync(color);
            await page.GetByTestId("zone-add").ClickAsync();
            await Assertions.Expect(page.GetByTestId("zone-chip").Filter(new() { HasText = name })).ToHaveCountAsync(1);
        }

        // A curved section of 4 × 8: the preview is drawn before anything is saved.
        await page.GetByTestId("section-add").ClickAsync();
        await page.Field("section-name").FillAsync("Stalls");
        await page.Field("section-code").FillAsync("ST");
        await page.Field("section-rows").FillAsync("4");
        await page.Field("section-seats").FillAsync("8");
        await page.Field("section-curvature").FillAsync("50");
        await Assertions.Expect(page.GetByTestId("section-preview-count")).ToContainTextAsync("32");
        await Assertions.Expect(page.Locator(".preview-seat")).ToHaveCountAsync(32);
        await page.GetByTestId("section-zone").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Standard").ClickAsync();
        await browser.ManualScreenshotAsync(page, "seatmap-1-preview");
        await page.GetByTestId("section-save").ClickAsync();
        await Assertions.Expect(page.Locator("[data-seat^='ST-']")).ToHaveCountAsync(32);
        await Assertions.Expect(page.Locator(".preview-seat")).ToHaveCountAsync(0);

        // Row A painted VIP: click one seat, widen to its row, paint.
        await Seat(page, "A", 1).ClickAsync();
        await page.GetByTestId("select-row").ClickAsync();
        await Assertions.Expect(page.GetByTestId("selection-count")).ToContainTextAsync("8");
        await page.GetByTestId("paint-zone").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("VIP").ClickAsync();
        await page.GetByTestId("paint").ClickAsync();
        await Assertions.Expect(page.Locator("[data-seat^='ST-A-'][data-zone='vip']")).ToHaveCountAsync(8);

        // Two accessible seats (click, shift-click) and one blocked seat.
        await Seat(page, "D", 1).ClickAsync();
        await Seat(page, "D", 2).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(page.GetByTestId("selection-count")).ToContainTextAsync("2");
        await page.GetByTestId("mark-accessible").ClickAsync();
        await Assertions.Expect(page.Locator("[data-seat][data-accessible='true']")).ToHaveCountAsync(2);
        await Seat(page, "C", 4).ClickAsync();
        await page.GetByTestId("mark-blocked").ClickAsync();
        await Assertions.Expect(page.Locator("[data-seat][data-blocked='true']")).ToHaveCountAsync(1);
        await browser.ManualScreenshotAsync(page, "seatmap-2-painted");

        // Kept: a reload reads it all back from the API.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-seat^='ST-A-'][data-zone='vip']")).ToHaveCountAsync(8, new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("[data-seat='ST-D-1'][data-accessible='true'], [data-seat='ST-D-2'][data-accessible='true']")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-seat='ST-C-4'][data-blocked='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-seat^='ST-'][data-zone='std']")).ToHaveCountAsync(24);

        // An event at the venue: the storefront shows the zones and accessible seats, and never offers the blocked one.
        var ev = await SeatedEventAtAsync(shop, "Curve Hall");
        var shopper = await browser.DesktopAsync();
        await shopper.GotoAsync(shop.Root);
        await shopper.GetByTestId("listings").Locator("a").First.ClickAsync();
        await shopper.GetByTestId("occurrences").GetByRole(AriaRole.Link, new() { Name = "Choose seats" }).ClickAsync();
        await Assertions.Expect(shopper.Locator("[data-seat]")).ToHaveCountAsync(32);
        Assert.Contains("VIP · £60.00", await shopper.GetByTestId("legend").InnerTextAsync());
        Assert.Contains("£60.00", await ShopSeat(shopper, "A", 3).GetAttributeAsync("aria-label"));
        Assert.Contains("£30.00", await ShopSeat(shopper, "B", 3).GetAttributeAsync("aria-label"));
        Assert.Contains("accessible", await ShopSeat(shopper, "D", 1).GetAttributeAsync("aria-label"));
        Assert.Contains("accessible", await ShopSeat(shopper, "D", 2).GetAttributeAsync("aria-label"));
        Assert.Equal("true", await ShopSeat(shopper, "C", 4).GetAttributeAsync("aria-disabled"));
        Assert.Equal("false", await ShopSeat(shopper, "C", 5).GetAttributeAsync("aria-disabled"));
        await browser.ManualScreenshotAsync(shopper, "seatmap-3-storefront");

        // Nor does the API sell it to a client that skips the map.
        var map = await (await shop.Owner.GetAsync($"/api/v1/venues/{ev.VenueId}/map")).ReadAsync<VenueMapResponse>();
        var blocked = map.Sections.Single().Seats.Single(x => x.Row == "C" && x.Seat == "4");
        Assert.True(blocked.Blocked);
        using var anonymous = fixture.CreateClient();
        var hold = await anonymous.PostAsJsonAsync($"/api/v1/public/tenants/{shop.Tenant.Slug}/holds", new
        {
            eventId = ev.Id, occurrenceId = ev.Occurrences[0].Id, buyerEmail = "buyer@example.com",
            lines = new[] { new { ticketTypeId = ev.TicketTypes.Single(t => t.Name == "Standard").Id, seatIds = new[] { blocked.Id } } },
        });
        Assert.Equal(HttpStatusCode.Conflict, hold.StatusCode);
    }

    [Fact]
    public async Task ChineseAdmin_OnAPhone_SeesTheEditorInChinese_WithoutSidewaysScrolling()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var shop = await Shop.CreateAsync(fixture, "Hu Theatre", "zh-CN", "CNY", "Asia/Shanghai");
        await shop.SeatedEventAsync("茶馆", chinese: true);
        var venue = (await (await shop.Owner.GetAsync("/api/v1/venues")).ReadAsync<Platform.Http.CursorPage<VenueSummaryResponse>>()).Data.Single();
        var admin = await ConsoleStaff.InviteAsync(fixture, shop.Tenant.Id, shop.Tenant.Slug, "admin");
        var page = await browser.PhoneAsync(locale: "zh-CN");
        await ConsoleStaff.SignInAsync(browser, page, $"/console/venues/{venue.Id}", admin);

        await Assertions.Expect(page.Locator("[data-seat]")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("venue-seat-count")).ToContainTextAsync("个座位");
        await Assertions.Expect(page.GetByTestId("selection-count")).ToContainTextAsync("已选择");
        var text = await page.Locator("main, .mud-main-content").First.InnerTextAsync();
        foreach (var word in EnglishLeftovers)
        {
            Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b", RegexOptions.IgnoreCase), $"English \"{word}\" on {page.Url}:\n{text}");
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page scrolls sideways at {widths[1]} px: {widths[0]} px wide.");
        await browser.ManualScreenshotAsync(page, "seatmap-zh-1-phone");
    }

    private static ILocator Seat(IPage page, string row, int seat) => page.Locator($"[data-seat='ST-{row}-{seat}']");

    private static ILocator ShopSeat(IPage page, string row, int seat) => page.Locator($"[data-seat][aria-label^='Stalls, row {row}, seat {seat},']");

    /// <summary>An event at the venue built in the console, selling its two zones online (VIP £60, Standard £30).</summary>
    private static async Task<EventResponse> SeatedEventAtAsync(Shop shop, string venueName)
    {
        var venues = await (await shop.Owner.GetAsync("/api/v1/venues")).ReadAsync<Platform.Http.CursorPage<VenueSummaryResponse>>();
        var venue = await (await shop.Owner.GetAsync($"/api/v1/venues/{venues.Data.Single(v => v.Name == venueName).Id}")).ReadAsync<VenueResponse>();
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(19), TimeSpan.Zero);
        var created = await (await shop.Owner.PostAsJsonAsync("/api/v1/events", new
        {
            title = "Curved Night", description = "A play.", category = "theatre", venueId = venue.Id, timeZone = shop.Tenant.TimeZone,
            occurrences = new[] { new { doorsAt = start.AddHours(-1), startsAt = start, endsAt = start.AddHours(3) } },
            salesWindows = new[] { new { channel = "web", opensAt = start.AddDays(-60), closesAt = start } },
        })).ReadAsync<EventResponse>();
        foreach (var (code, price) in new[] { ("vip", 6000L), ("std", 3000L) })
        {
            var zone = venue.PriceZones.Single(z => z.Code == code);
            (await shop.Owner.PostAsJsonAsync($"/api/v1/events/{created.Id}/ticket-types", new
            {
                name = zone.Name, kind = "seated", priceZoneId = zone.Id, price = new { amount = price, currency = shop.Tenant.DefaultCurrency },
            })).EnsureSuccessStatusCode();
        }

        (await shop.Owner.PostAsync($"/api/v1/events/{created.Id}/publish", null)).EnsureSuccessStatusCode();
        (await shop.Owner.PostAsync($"/api/v1/events/{created.Id}/open-sales", null)).EnsureSuccessStatusCode();
        return await (await shop.Owner.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventResponse>();
    }
}

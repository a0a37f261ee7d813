using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Platform.BrowserTests.StorefrontPurchaseTests;

namespace Platform.BrowserTests;

/// <summary>
/// Reserved seating in Chromium: choosing seats on the SVG map by tap and by keyboard only, a seat someone else takes
/// meanwhile (repainted by the poll, and refused with 409 when the poll has not caught up), and a seat hold expiring.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class StorefrontSeatingTests(BrowserFixture browser)
{
    [Fact]
    public async Task SeatPurchase_FromTheMap_TwoPremiumSeats_PaysAndTicketsCarryTheSeats()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Playhouse Co", "en", "GBP", "Europe/London");
        await shop.SeatedEventAsync("The Tempest");
        var page = await browser.PhoneAsync();

        await page.GotoAsync(shop.Root);
        await page.GetByTestId("listings").Locator("a").First.ClickAsync();
        await page.GetByTestId("occurrences").GetByRole(AriaRole.Link, new() { Name = "Choose seats" }).ClickAsync();
        // Two sections: the overview first, each with what is left.
        Assert.Contains("Circle", await page.GetByTestId("sections").InnerTextAsync());
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "12-seat-sections");

        await page.GetByTestId("sections").GetByRole(AriaRole.Link, new() { Name = "Stalls" }).ClickAsync();
        Assert.Contains("Premium · £60.00", await page.GetByTestId("legend").InnerTextAsync());
        // The tenant's view from the stalls, shown once the section is chosen.
        Assert.True(await page.GetByTestId("section-view").EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 720"));
        Assert.Equal(96, await page.Locator("[data-seat]").CountAsync());
        await Seat(page, "A", 2).ClickAsync();
        await Seat(page, "A", 3).ClickAsync();
        Assert.Equal("true", await Seat(page, "A", 2).GetAttributeAsync("aria-checked"));
        Assert.Equal("Chosen: row A seat 2, row A seat 3", await page.GetByTestId("chosen").InnerTextAsync());
        await page.GetByTestId("buyer-email").FillAsync("ada@example.com");
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "13-seat-map");

        await page.GetByTestId("hold-seats").ClickAsync();
        await page.WaitForURLAsync("**/checkout/**");
        Assert.Equal("Stalls · A · 2\nStalls · A · 3", await page.GetByTestId("held-seats").InnerTextAsync());
        Assert.Equal("£120.00", await page.GetByTestId("total").InnerTextAsync());
        await FillBuyerAsync(page, "4242424242424242");
        await browser.ScreenshotAsync(page, "14-seat-checkout");
        await page.GetByTestId("pay").ClickAsync();
        await page.WaitForURLAsync("**/orders/**");

        var tickets = await page.GetByTestId("tickets").InnerTextAsync();
        Assert.Contains("Stalls · A · 2", tickets);
        Assert.Contains("Stalls · A · 3", tickets);
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "15-seat-confirmation");
        Assert.Equal(2L, await shop.CountAsync("SELECT count(*) FROM tickets WHERE tenant_id = @t AND seat_id IS NOT NULL"));
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'succeeded'"));

        // The same map on a laptop.
        var wide = await browser.PhoneAsync(width: 1366, height: 900);
        await wide.GotoAsync(page.Url.Split("/orders/")[0]);
        await wide.GetByTestId("listings").Locator("a").First.ClickAsync();
        await wide.GetByTestId("occurrences").GetByRole(AriaRole.Link, new() { Name = "Choose seats" }).ClickAsync();
        await wide.GetByTestId("sections").GetByRole(AriaRole.Link, new() { Name = "Stalls" }).ClickAsync();
        Assert.Equal("true", await Seat(wide, "A", 2).GetAttributeAsync("aria-disabled"));
        await Seat(wide, "C", 9).ClickAsync();
        await browser.ScreenshotAsync(wide, "13-seat-map-1366");
    }

    [Fact]
    public async Task KeyboardOnly_ArrowsMoveAlongAndBetweenRows_SpaceAndEnterChoose_AndTheSeatsAreHeld()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Keys Theatre", "en", "GBP", "Europe/London");
        await shop.SeatedEventAsync("Hamlet");
        var page = await browser.PhoneAsync();
        await OpenStallsAsync(page, shop);

        for (var i = 0; i < 40 && (await Focused(page))?.StartsWith("Stalls, row A", StringComparison.Ordinal) != true; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("Stalls, row A, seat 1, £60.00", await Focused(page));
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.StartsWith("Stalls, row A, seat 2,", await Focused(page));
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.StartsWith("Stalls, row B, seat 2,", await Focused(page));
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.StartsWith("Stalls, row A, seat 1,", await Focused(page));
        Assert.Equal("Chosen: row A seat 2, row B seat 2", await page.GetByTestId("chosen").InnerTextAsync());

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Email", await page.EvaluateAsync<string>("document.activeElement.labels[0].textContent"));
        await page.Keyboard.TypeAsync("keys@example.com");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/checkout/**");
        Assert.Equal("Stalls · A · 2\nStalls · B · 2", await page.GetByTestId("held-seats").InnerTextAsync());
    }

    [Fact]
    public async Task SeatTakenMeanwhile_ThePollRepaintsIt_AndAHoldThatLostTheRaceIs409WithTheMapRefreshed()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Race Hall", "en", "GBP", "Europe/London");
        var ev = await shop.SeatedEventAsync("Rush Hour");
        var page = await browser.PhoneAsync();
        await OpenStallsAsync(page, shop);

        // Chosen here, then taken by someone else: the next poll (≤ 1 s old availability) repaints and says so.
        await Seat(page, "A", 5).ClickAsync();
        await shop.HoldSeatAsync(ev, (await Seat(page, "A", 5).GetAttributeAsync("data-seat"))!);
        await Assertions.Expect(Seat(page, "A", 5)).ToHaveClassAsync(TakenClass(), new() { Timeout = 5000 });
        Assert.Equal("false", await Seat(page, "A", 5).GetAttributeAsync("aria-checked"));
        Assert.Contains("row A seat 5 was just taken by someone else", await page.GetByTestId("chosen").InnerTextAsync());
        await browser.ScreenshotAsync(page, "16-seat-taken-meanwhile");

        // The poll has not caught up (blocked here): the hold answers 409 and the page shows the map as it is now.
        await page.RouteAsync("**/availability?**", route => route.AbortAsync());
        await Seat(page, "A", 8).ClickAsync();
        await shop.HoldSeatAsync(ev, (await Seat(page, "A", 8).GetAttributeAsync("data-seat"))!);
        await page.GetByTestId("buyer-email").FillAsync("slow@example.com");
        var answer = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("hold-seats").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, answer.Status);
        Assert.Equal("Someone else just took those seats. Please choose again.", await page.GetByTestId("problem").InnerTextAsync());
        Assert.Equal("true", await Seat(page, "A", 8).GetAttributeAsync("aria-disabled"));
        // Only the other buyer's two holds exist: the refused one left nothing behind.
        Assert.Equal(2L, await shop.CountAsync("SELECT count(*) FROM holds WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task SeatHoldExpiry_CheckoutSaysItEnded_AndChargesNothing()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Late Stage", "en", "GBP", "Europe/London");
        await shop.SeatedEventAsync("Matinee");
        var page = await browser.PhoneAsync();
        await OpenStallsAsync(page, shop);
        await Seat(page, "C", 3).ClickAsync();
        await page.GetByTestId("buyer-email").FillAsync("late@example.com");
        await page.GetByTestId("hold-seats").ClickAsync();
        await page.WaitForURLAsync("**/checkout/**");
        await FillBuyerAsync(page, "4242424242424242");

        await shop.ExecuteAsync("UPDATE holds SET expires_at = now() - interval '1 second' WHERE tenant_id = @t");
        await page.GetByTestId("pay").ClickAsync();

        Assert.Contains("expired", await page.GetByTestId("checkout-ended").InnerTextAsync());
        await browser.ScreenshotAsync(page, "17-seat-hold-expired");
        Assert.Equal(0L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t"));
        Assert.Equal(0L, await shop.CountAsync("SELECT count(*) FROM payments WHERE tenant_id = @t"));
    }

    private static async Task OpenStallsAsync(IPage page, Shop shop)
    {
        await page.GotoAsync(shop.Root);
        await page.GetByTestId("listings").Locator("a").First.ClickAsync();
        await page.GetByTestId("occurrences").GetByRole(AriaRole.Link, new() { Name = "Choose seats" }).ClickAsync();
        await page.GetByTestId("sections").GetByRole(AriaRole.Link, new() { Name = "Stalls" }).ClickAsync();
        await page.GetByTestId("seatmap").WaitForAsync();
    }

    private static ILocator Seat(IPage page, string row, int seat) => page.Locator($"[data-seat][aria-label^='Stalls, row {row}, seat {seat},']");

    private static Task<string?> Focused(IPage page) => page.EvaluateAsync<string?>("document.activeElement && document.activeElement.getAttribute('aria-label')");

    [GeneratedRegex("\\btaken\\b")]
    private static partial Regex TakenClass();
}

using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.CashUp;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.BrowserTests;

/// <summary>
/// The box office in the console (issue #15 item 5): a seller sells at the window with cash, prints, refunds from the
/// look-up and counts the drawer; the same screens in Chinese on a phone. Screenshots are docs/manuals/seller.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleBoxOfficeTests(BrowserFixture browser)
{
    /// <summary>English labels of the box-office pages; none may show in the Chinese console.</summary>
    private static readonly string[] EnglishLeftovers =
    [
        "Box office", "Event", "Ticket type", "Price", "Adult", "Child", "Senior", "Student", "Total", "Buyer", "Cash", "Card terminal",
        "Take payment", "Change due", "Cash-up", "Seller", "Expected", "Counted", "Difference", "Record count", "Look up", "Subtotal",
    ];

    [Fact]
    public async Task Seller_SellsTwoWithCash_Prints_RefundsOne_CountsADifferentAmount_DifferenceRecorded()
    {
        var (s, seller) = await BoxOfficeEventAsync("Window Night");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/box-office", seller);

        // Event by type-ahead, two adult tickets, priced by the API's quote.
        await page.Field("bo-event").FillAsync("Window");
        await page.GetByTestId("bo-event-option").First.ClickAsync();
        await page.Field("bo-qty-0-adult").FillAsync("2");
        await page.GetByTestId("bo-review").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bo-total")).ToContainTextAsync("50.00");
        await browser.ManualScreenshotAsync(page, "seller-1-sell");

        // Cash: 60.00 tendered for 50.00, 10.00 change shown before and after taking the payment.
        await page.Field("bo-buyer-name").FillAsync("Walk-up Wu");
        await page.Field("bo-buyer-email").FillAsync("wu@example.com");
        await page.Field("bo-tendered").FillAsync("60");
        await Assertions.Expect(page.GetByTestId("bo-change")).ToContainTextAsync("10.00");
        await browser.ManualScreenshotAsync(page, "seller-2-cash");
        await page.GetByTestId("bo-pay").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bo-sold-change")).ToContainTextAsync("10.00");
        // Each PDF is rendered by the API and fetched with the seller's token before its button shows: give it time on a busy machine.
        await Assertions.Expect(page.GetByTestId("bo-print")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await browser.ManualScreenshotAsync(page, "seller-3-sold");
        // A ticket opens as the API's PDF in a new tab.
        var popup = await page.RunAndWaitForPopupAsync(() => page.GetByTestId("bo-print").First.ClickAsync());
        Assert.StartsWith("blob:", popup.Url);
        await popup.CloseAsync();

        // Next sale: back to an empty screen with the event field focused.
        await page.GetByTestId("bo-next").ClickAsync();
        await Assertions.Expect(page.Field("bo-event")).ToBeFocusedAsync();

        // Look-up by e-mail, refund one ticket with a reason.
        await page.GetByTestId("bo-lookup").ClickAsync();
        await page.Field("order-query").FillAsync("wu@example.com");
        await page.GetByTestId("order-search").ClickAsync();
        await page.GetByTestId("order-row").ClickAsync();
        await page.Field("refund-qty-0").FillAsync("1");
        await page.Field("refund-reason").FillAsync("Friend cannot come");
        await page.GetByTestId("refund-selected").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payment-row").Filter(new() { HasText = "Friend cannot come" })).ToHaveCountAsync(1);
        await browser.ManualScreenshotAsync(page, "seller-4-refund");

        // Cash-up: expected 50.00 − 25.00; counted 24.50, the difference of −0.50 is recorded.
        await page.GetByTestId("nav-cash-up").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cu-expected")).ToContainTextAsync("25.00");
        await page.Field("cu-counted-input").FillAsync("24.50");
        await page.Field("cu-note").FillAsync("One coin short");
        await page.GetByTestId("cu-record").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cu-difference")).ToContainTextAsync("-0.50");
        await browser.ManualScreenshotAsync(page, "seller-5-cash-up");

        var day = await (await s.Owner.GetAsync("/api/v1/box-office/cash-up")).ReadAsync<CashUpResponse>();
        var row = Assert.Single(day.Sellers);
        Assert.Equal((5000L, 2500L, 2500L), (row.Cash.Taken, row.Cash.Refunded, row.ExpectedCash));
        Assert.Equal((2450L, -50L, "One coin short"), (row.Count!.CountedCash, row.Count.Difference, row.Count.Note));
    }

    [Fact]
    public async Task ChineseSeller_OnAPhone_SellScreenAndCashUp_InChinese_WithoutSidewaysScrolling()
    {
        var (_, seller) = await BoxOfficeEventAsync("港湾之夜", locale: "zh-CN");
        var page = await browser.PhoneAsync(locale: "zh-CN");
        await ConsoleStaff.SignInAsync(browser, page, "/console/box-office", seller);

        await page.Field("bo-event").FillAsync("港湾");
        await page.GetByTestId("bo-event-option").First.ClickAsync();
        await page.Field("bo-qty-0-adult").FillAsync("1");
        await page.GetByTestId("bo-review").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bo-total")).ToContainTextAsync("总额");
        await page.Field("bo-tendered").FillAsync("30");
        await Assertions.Expect(page.GetByTestId("bo-change")).ToContainTextAsync("应找零");
        await AssertChineseAndNarrowAsync(page);
        await browser.ManualScreenshotAsync(page, "seller-zh-1-sell");

        await page.GotoAsync("/console/box-office/cash-up");
        // A full load boots the WebAssembly console again: slow on a busy machine.
        await Assertions.Expect(page.GetByTestId("cu-record")).ToHaveTextAsync("记录清点", new() { Timeout = 30_000 });
        await AssertChineseAndNarrowAsync(page);
        await browser.ManualScreenshotAsync(page, "seller-zh-2-cash-up");
    }

    /// <summary>A GA event on sale at the box office (and on the web) at 25.00 EUR, and a box-office seller of its tenant.</summary>
    private async Task<(CheckoutScenario S, string Seller)> BoxOfficeEventAsync(string title, string locale = "en")
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20, locale: locale, title: title);
        var startsAt = s.Event.Occurrences[0].StartsAt;
        (await s.Owner.PutAsJsonAsync($"/api/v1/events/{s.Event.Id}/sales-windows", new
        {
            salesWindows = new[]
            {
                new { channel = "web", opensAt = DateTimeOffset.UtcNow.AddDays(-1), closesAt = startsAt },
                new { channel = "box_office", opensAt = DateTimeOffset.UtcNow.AddDays(-1), closesAt = startsAt },
            },
        })).EnsureSuccessStatusCode();
        return (s, await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "box_office"));
    }

    private static async Task AssertChineseAndNarrowAsync(IPage page)
    {
        var text = await page.Locator("main, .mud-main-content").First.InnerTextAsync();
        foreach (var word in EnglishLeftovers)
        {
            Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b", RegexOptions.IgnoreCase), $"English \"{word}\" on {page.Url}:\n{text}");
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"The page scrolls sideways at {client} px: {scroll} px wide.");
    }
}

using Microsoft.Playwright;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Tickets;

namespace Platform.BrowserTests;

/// <summary>
/// A seated ticket at the gate (issue #15's last gaps): the scanner shows its section, row and seat big, online from
/// the scan answer and offline from the package; in English and in Chinese. Screenshots are docs/manuals/scanner.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScannerSeatTests(BrowserFixture browser)
{
    [Fact]
    public async Task Scanner_SeatedTickets_ShowTheirSeatOnlineAndOffline_InEnglishAndChinese()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var seats = s.SectionA.Seats.Where(x => x.Row is "A" or "B").OrderBy(x => x.Row).ThenBy(x => x.Seat).Take(3).ToArray();
        var hold = await (await s.HoldSeatsAsync([.. seats.Select(x => x.Id)], "seated@example.com")).ReadAsync<Platform.Holds.HoldResponse>();
        var order = await (await s.OrderAsync(hold, email: "seated@example.com")).ReadAsync<Platform.Orders.OrderResponse>();
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        var tickets = (await s.StaffTicketsAsync(order.Id)).ToDictionary(t => t.Seat!.SeatId);
        var scanner = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "scanner");

        var page = await browser.PhoneAsync();
        page.SetDefaultTimeout(30_000);
        await ConsoleStaff.SignInAsync(browser, page, "/console/scan", scanner);
        await page.Field("scan-gate").FillAsync("Stalls door");
        await Assertions.Expect(page.GetByTestId("scan-package")).ToContainTextAsync("3 tickets");

        // Online: the seat comes with the API's answer.
        await ScanAsync(page, tickets[seats[0].Id].QrPayload!);
        await Assertions.Expect(page.GetByTestId("scan-result")).ToHaveAttributeAsync("data-result", "admitted");
        await Assertions.Expect(page.GetByTestId("scan-result-seat")).ToHaveTextAsync($"Section A · Row {seats[0].Row} · Seat {seats[0].Seat}");
        await browser.ManualScreenshotAsync(page, "scanner-7-seat");

        // Offline: from the package kept in the browser.
        await page.Context.SetOfflineAsync(true);
        await ScanAsync(page, tickets[seats[1].Id].QrPayload!);
        await Assertions.Expect(page.GetByTestId("scan-result-offline")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("scan-result-seat")).ToHaveTextAsync($"Section A · Row {seats[1].Row} · Seat {seats[1].Seat}");
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByTestId("sync-row")).ToHaveAttributeAsync("data-result", "admitted");

        // In Chinese: the same seat words, translated.
        var zh = await browser.PhoneAsync(locale: "zh-CN");
        zh.SetDefaultTimeout(30_000);
        await ConsoleStaff.SignInAsync(browser, zh, "/console/scan", scanner);
        await zh.Field("scan-gate").FillAsync("池座门");
        await Assertions.Expect(zh.GetByTestId("scan-package")).ToContainTextAsync("3 张票");
        await ScanAsync(zh, tickets[seats[2].Id].QrPayload!);
        await Assertions.Expect(zh.GetByTestId("scan-result-title")).ToHaveTextAsync("准许入场");
        await Assertions.Expect(zh.GetByTestId("scan-result-seat")).ToHaveTextAsync($"Section A · {seats[2].Row} 排 · {seats[2].Seat} 号");
        await browser.ManualScreenshotAsync(zh, "scanner-zh-3-seat");
    }

    private static async Task ScanAsync(IPage page, string code)
    {
        await page.Field("scan-code").FillAsync(code);
        await page.GetByTestId("scan-check").ClickAsync();
        await Assertions.Expect(page.Field("scan-code")).ToHaveValueAsync("");
    }
}

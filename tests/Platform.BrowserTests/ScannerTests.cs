using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.IntegrationTests.CheckIn;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Tickets;

namespace Platform.BrowserTests;

/// <summary>
/// The gate scanner in the console (issue #15 item 8) on a phone-sized Chromium: online scans, the network lost at the
/// gate (Playwright's offline mode), local verdicts from the offline package, and the queue uploaded as a batch when
/// the network returns. The screenshots are docs/manuals/scanner.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ScannerTests(BrowserFixture browser)
{
    [Fact]
    public async Task Scanner_AdmitsThenSeesAlreadyUsed_GoesOffline_AndTheQueueSyncsWithOneAdmissionPerTicket()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20, title: "Harbour Gate Night");
        var (_, tickets) = await s.PaidOrderAsync(3);
        var scanner = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "scanner");
        using var api = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "scanner"));

        var north = await PhoneAsync();
        await ConsoleStaff.SignInAsync(browser, north, "/console/scan", scanner);
        await north.Field("scan-gate").FillAsync("North 1");
        await Assertions.Expect(north.GetByTestId("scan-package")).ToContainTextAsync("3 tickets");
        await browser.ManualScreenshotAsync(north, "scanner-1-ready");

        // Online: the API decides.
        await ScanAsync(north, tickets[0].QrPayload!);
        await ExpectVerdictAsync(north, "admitted");
        await Assertions.Expect(north.GetByTestId("scan-result-ticket")).ToContainTextAsync("Standing · Adult");
        await browser.ManualScreenshotAsync(north, "scanner-2-admitted");
        await ScanAsync(north, tickets[0].QrPayload!);
        await ExpectVerdictAsync(north, "already_used");
        await Assertions.Expect(north.GetByTestId("scan-result-first")).ToContainTextAsync("North 1");
        await browser.ManualScreenshotAsync(north, "scanner-3-already-used");
        await ScanAsync(north, "T1.not-a-ticket.x");
        await ExpectVerdictAsync(north, "invalid");
        Assert.Equal(1, (await api.CountsAsync(s.Event.Id)).Admitted);

        // A second phone at another gate keeps its own package, then both lose the network.
        var south = await PhoneAsync();
        await ConsoleStaff.SignInAsync(browser, south, "/console/scan", scanner);
        await south.Field("scan-gate").FillAsync("South 2");
        await Assertions.Expect(south.GetByTestId("scan-package")).ToContainTextAsync("3 tickets");
        await north.Context.SetOfflineAsync(true);
        await south.Context.SetOfflineAsync(true);

        // Offline: decided from the package, remembered locally, queued.
        await ScanAsync(north, tickets[1].QrPayload!);
        await ExpectVerdictAsync(north, "admitted");
        await Assertions.Expect(north.GetByTestId("scan-result-offline")).ToBeVisibleAsync();
        await Assertions.Expect(north.GetByTestId("scan-network")).ToHaveTextAsync("Offline");
        await ScanAsync(north, tickets[1].QrPayload!);
        await ExpectVerdictAsync(north, "already_used");
        // The package knows what was admitted online before it was downloaded (ticket 0), and what this phone admitted since.
        await ScanAsync(north, tickets[0].QrPayload!);
        await ExpectVerdictAsync(north, "already_used");
        await ScanAsync(north, tickets[2].QrPayload!);
        await ExpectVerdictAsync(north, "admitted");
        await Assertions.Expect(north.GetByTestId("scan-queued")).ToContainTextAsync("4 offline scans");
        await browser.ManualScreenshotAsync(north, "scanner-4-offline");
        // The same ticket at the other gate, also offline: that phone cannot know, and admits it too.
        await ScanAsync(south, tickets[2].QrPayload!);
        await ExpectVerdictAsync(south, "admitted");
        Assert.Equal(1, (await api.CountsAsync(s.Event.Id)).Admitted);

        // Back online: each phone uploads its queue; the server admits ticket 2 once (north scanned it first).
        await north.Context.SetOfflineAsync(false);
        await Assertions.Expect(north.GetByTestId("sync-row")).ToHaveCountAsync(4);
        Assert.Equal(["admitted", "already_used", "already_used", "admitted"],
            await north.GetByTestId("sync-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.result)"));
        await Assertions.Expect(north.GetByTestId("scan-queued")).ToHaveCountAsync(0);
        await Assertions.Expect(north.GetByTestId("scan-counts")).ToContainTextAsync("3 of 3");
        await browser.ManualScreenshotAsync(north, "scanner-5-synced");
        await south.Context.SetOfflineAsync(false);
        await Assertions.Expect(south.GetByTestId("sync-row")).ToHaveCountAsync(1);
        await Assertions.Expect(south.GetByTestId("sync-row")).ToHaveAttributeAsync("data-result", "already_used");

        // The server's count rose by exactly the two tickets first admitted offline; one admission row per ticket.
        var counts = await api.CountsAsync(s.Event.Id);
        Assert.Equal(3, counts.Admitted);
        var admissions = await s.ScalarAsync<long>($"SELECT count(*) FROM ticket_admissions WHERE ticket_id IN ('{tickets[0].Id}', '{tickets[1].Id}', '{tickets[2].Id}')");
        Assert.Equal(3, admissions);
        var records = await s.ScalarAsync<long>($"SELECT count(*) FROM check_ins WHERE ticket_id = '{tickets[2].Id}'");
        Assert.Equal(1, records);
        await AssertNoHorizontalScrollAsync(north);
    }

    [Fact]
    public async Task Scanner_IsRefusedEventEditingAndTheLiveDashboard_AndBoxOfficeIsRefusedTheScanner()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5, title: "Refusal Night");
        var draft = await s.Events.CreateEventAsync(title: "Draft Matinee");
        var scanner = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "scanner");
        var page = await PhoneAsync();

        await ConsoleStaff.SignInAsync(browser, page, "/console/events", scanner);
        await Assertions.Expect(page.GetByTestId("event-title")).ToHaveCountAsync(2);
        foreach (var step in new[] { "publish", "open-sales", "end" })
        {
            Assert.Equal(0, await page.GetByTestId($"event-{step}").CountAsync());
        }

        Assert.Equal(0, await page.GetByTestId("nav-live").CountAsync()); // no live dashboard in a scanner's menu
        await Assertions.Expect(page.GetByTestId("nav-scan")).ToHaveCountAsync(1);
        await page.GotoAsync("/console/live");
        // A full load: the WebAssembly app boots again first.
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToContainTextAsync("Not allowed", new() { Timeout = 30_000 });
        await browser.ManualScreenshotAsync(page, "scanner-6-live-not-allowed");

        // The API refuses anyway: event editing and the live figures.
        using var asScanner = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "scanner"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await asScanner.PostAsync($"/api/v1/events/{draft.Id}/publish", null)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await asScanner.GetAsync("/api/v1/live")).StatusCode);

        // A box-office seller has no scanner: absent from the menu, "not allowed" at its URL, 403 from the API.
        var seller = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "box_office");
        var sellerPage = await PhoneAsync();
        await ConsoleStaff.SignInAsync(browser, sellerPage, "/console/scan", seller);
        await Assertions.Expect(sellerPage.GetByTestId("not-allowed")).ToBeVisibleAsync();
        Assert.Equal(0, await sellerPage.GetByTestId("scan-code").CountAsync());
        Assert.Equal(0, await sellerPage.GetByTestId("nav-scan").CountAsync());
        using var asSeller = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "box_office"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await asSeller.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/offline-package")).StatusCode);
    }

    /// <summary>English words of the scanner page; none may show in the Chinese console.</summary>
    private static readonly string[] EnglishLeftovers =
        ["Gate", "Ticket code", "Check", "Online", "Offline", "Admitted", "Already used", "package", "Camera", "Scan", "Event", "Type", "Standing"];

    [Fact]
    public async Task ChineseScanner_SeesTheScannerInChinese_WithNoEnglishLeft()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10, locale: "zh-CN", title: "港湾之夜");
        var (_, tickets) = await s.PaidOrderAsync(1);
        var scanner = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "scanner");
        var page = await PhoneAsync(locale: "zh-CN");

        await ConsoleStaff.SignInAsync(browser, page, "/console/scan", scanner);
        await page.Field("scan-gate").FillAsync("北门 1");
        await Assertions.Expect(page.GetByTestId("scan-package")).ToContainTextAsync("离线数据包：1 张票");
        await ScanAsync(page, tickets[0].QrPayload!);
        await Assertions.Expect(page.GetByTestId("scan-result-title")).ToHaveTextAsync("准许入场");
        await Assertions.Expect(page.GetByTestId("scan-result-ticket")).ToContainTextAsync("成人");
        await ScanAsync(page, tickets[0].QrPayload!);
        await Assertions.Expect(page.GetByTestId("scan-result-title")).ToHaveTextAsync("已使用");
        await Assertions.Expect(page.GetByTestId("scan-result-first")).ToContainTextAsync("北门 1");
        await AssertNoEnglishAsync(page, except: "Standing");
        await browser.ManualScreenshotAsync(page, "scanner-zh-1-already-used");

        await page.Context.SetOfflineAsync(true);
        var other = (await s.PaidOrderAsync(1)).Tickets[0];
        await ScanAsync(page, other.QrPayload!);
        // Sold after the package was cut: the phone does not know the ticket and says so, in Chinese.
        await Assertions.Expect(page.GetByTestId("scan-result-title")).ToHaveTextAsync("无效票");
        await Assertions.Expect(page.GetByTestId("scan-result")).ToContainTextAsync("未知的票");
        await Assertions.Expect(page.GetByTestId("scan-network")).ToHaveTextAsync("离线");
        await AssertNoEnglishAsync(page, except: "Standing");
        await browser.ManualScreenshotAsync(page, "scanner-zh-2-offline");
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByTestId("sync-row")).ToHaveAttributeAsync("data-result", "admitted");
    }

    /// <summary>A phone page with the desktop pages' patience: the WebAssembly app boots slowly on a loaded test machine.</summary>
    private async Task<IPage> PhoneAsync(string locale = "en-GB")
    {
        var page = await browser.PhoneAsync(locale);
        page.SetDefaultTimeout(30_000);
        return page;
    }

    private static async Task ScanAsync(IPage page, string code)
    {
        await page.Field("scan-code").FillAsync(code);
        await page.GetByTestId("scan-check").ClickAsync();
        // The field is emptied once the verdict is shown: the next scan starts clean.
        await Assertions.Expect(page.Field("scan-code")).ToHaveValueAsync("");
    }

    private static Task ExpectVerdictAsync(IPage page, string result) =>
        Assertions.Expect(page.GetByTestId("scan-result")).ToHaveAttributeAsync("data-result", result);

    private static async Task AssertNoHorizontalScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at phone width");

    private static async Task AssertNoEnglishAsync(IPage page, string except)
    {
        var text = (await page.Locator("body").InnerTextAsync()).Replace(except, "");
        foreach (var word in EnglishLeftovers)
        {
            Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b", RegexOptions.IgnoreCase), $"English \"{word}\" on {page.Url}:\n{text}");
        }
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.WaitingRoom;

namespace Platform.BrowserTests;

/// <summary>
/// The promoter's waiting-room page in the console (issue #16 item 1): reached from the event, it switches the room on
/// with a rate and a grey-release share, shows the live figures the API counts (buyers joining and holding through the
/// public API meanwhile), pauses, resumes, changes the rate live, refuses a rate of 0 or 10^9 with the API's problem
/// beside the field, uploads a member list (text and file) and clears it, and closes the room — each confirmed by the
/// API. Screenshots are docs/manuals/waiting-room.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleWaitingRoomTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveTextOptions Polled = new() { Timeout = 20_000 };

    /// <summary>English words of the page; none may show in the Chinese console.</summary>
    private static readonly string[] EnglishLeftovers =
    [
        "Waiting room", "Queue length", "Admitted", "Admission rate", "Grey release", "Presale cohort", "Passes", "Pause", "Resume", "Close room",
        "Settings", "Member list", "Apply changes", "Upload", "Open", "Paused", "min",
    ];

    [Fact]
    public async Task Promoter_SwitchesOn_SeesFigures_PausesResumes_ChangesRate_RateZeroRefused_UploadsMembers_Closes()
    {
        var s = await RoomAsync(locale: "en", title: "Harbour Lights");
        var admin = await ConsoleStaff.InviteAsync(browser.Platform, s.Events.Tenant.Id, s.Events.Tenant.Slug, "admin");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, $"/console/events/{s.Event.Id}", admin);

        // From the event to its room, which has never been on.
        await page.GetByTestId("editor-waiting-room").ClickAsync();
        await page.WaitForURLAsync($"**/console/events/{s.Event.Id}/waiting-room");
        await Assertions.Expect(page.GetByTestId("room-state")).ToHaveTextAsync("Off");
        await Assertions.Expect(page.GetByTestId("room-members-need-room")).ToBeVisibleAsync();
        await browser.ManualScreenshotAsync(page, "waiting-room-1-off");

        // Switch on at 30 buyers a minute, half of the queue released.
        await page.Field("room-rate-input").FillAsync("30");
        await page.GetByTestId("room-release-50").ClickAsync();
        await page.GetByTestId("room-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-state")).ToHaveTextAsync("Open");
        var room = await FiguresAsync(s);
        Assert.Equal(("open", 30, 50), (room.State, room.RatePerMinute, room.ReleasePercent));

        // Four buyers queue once the room has opened (first come, first served); grey release lets two of them in. The
        // first claims its pass and holds with it.
        await OpenedAsync(s);
        var buyers = Enumerable.Range(0, 4).Select(_ => browser.Platform.CreateClient()).ToList();
        foreach (var buyer in buyers)
        {
            (await buyer.PostAsJsonAsync($"{RoomPath(s)}/tickets", new { })).EnsureSuccessStatusCode();
        }

        await PassAsync(s, buyers[0]);
        (await s.HoldGaAsync(1, "first@example.com", buyers[0])).EnsureSuccessStatusCode();
        await Assertions.Expect(page.GetByTestId("room-admitted")).ToHaveTextAsync("2", Polled);
        await Assertions.Expect(page.GetByTestId("room-queue")).ToHaveTextAsync("2", Polled);
        await Assertions.Expect(page.GetByTestId("room-passes-used")).ToHaveTextAsync("1", Polled);
        await Assertions.Expect(page.GetByTestId("room-passes-issued")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("room-passes-abandoned")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("room-rate")).ToHaveTextAsync("30 / min");
        await Assertions.Expect(page.GetByTestId("room-release")).ToHaveTextAsync("50 %");
        await browser.ManualScreenshotAsync(page, "waiting-room-2-open");

        // Pause, then resume: the API's state each time.
        await page.GetByTestId("room-pause").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-state")).ToHaveTextAsync("Paused");
        Assert.Equal("paused", (await FiguresAsync(s)).State);
        await browser.ManualScreenshotAsync(page, "waiting-room-3-paused");
        await page.GetByTestId("room-resume").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-state")).ToHaveTextAsync("Open");
        Assert.Equal("open", (await FiguresAsync(s)).State);

        // A new rate and everyone released, live: the API has them, and the two held back are admitted.
        await page.Field("room-rate-input").FillAsync("120");
        await page.GetByTestId("room-release-100").ClickAsync();
        await page.GetByTestId("room-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-rate")).ToHaveTextAsync("120 / min");
        room = await FiguresAsync(s);
        Assert.Equal(("open", 120, 100), (room.State, room.RatePerMinute, room.ReleasePercent));
        await Assertions.Expect(page.GetByTestId("room-admitted")).ToHaveTextAsync("4", Polled);
        await Assertions.Expect(page.GetByTestId("room-queue")).ToHaveTextAsync("0", Polled);

        // A rate of 0, or of 10^9, is the API's refusal beside the field; the room keeps its rate.
        foreach (var bad in new[] { "0", "1000000000" })
        {
            await page.Field("room-rate-input").FillAsync(bad);
            await page.GetByTestId("room-apply").ClickAsync();
            await Assertions.Expect(page.FieldError("room-rate-input")).ToHaveTextAsync("The rate must be between 1 and 100,000 buyers per minute.");
            Assert.Equal(120, (await FiguresAsync(s)).RatePerMinute);
        }

        await browser.ManualScreenshotAsync(page, "waiting-room-4-rate-refused");

        // The member list: pasted addresses (one line without an address is named), then a CSV file that replaces them.
        await page.Locator("textarea[data-testid='room-members-text'], [data-testid='room-members-text'] textarea").First
            .FillAsync("ana@example.com\nbo@example.com\nnot an address\nCy@Example.com\nana@example.com");
        await page.GetByTestId("room-members-upload").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-members-count")).ToHaveTextAsync("3 addresses listed");
        await Assertions.Expect(page.GetByTestId("room-members-result")).ToContainTextAsync("line numbers: 3");
        await Assertions.Expect(page.GetByTestId("room-cohort")).ToHaveTextAsync("3 members", Polled);
        Assert.Equal(3, (await FiguresAsync(s)).Members);
        await browser.ManualScreenshotAsync(page, "waiting-room-5-members");
        await page.Locator("#room-members-file").SetInputFilesAsync(new FilePayload
        {
            Name = "fan-club.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("email,name\nxi@example.com,Xi\nyu@example.com,Yu\n"),
        });
        await Assertions.Expect(page.GetByTestId("room-members-count")).ToHaveTextAsync("2 addresses listed");
        Assert.Equal(2, (await FiguresAsync(s)).Members);
        await page.GetByTestId("room-members-clear").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Clear the list" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-members-count")).ToHaveTextAsync("No member list");
        Assert.Equal(0, (await FiguresAsync(s)).Members);

        // On a phone the page fits the width.
        await page.SetViewportSizeAsync(390, 844);
        await AssertFitsAsync(page);
        await browser.ManualScreenshotAsync(page, "waiting-room-6-phone");
        await page.SetViewportSizeAsync(1280, 800);

        // Closing is confirmed, and switches the room off: holds need no pass.
        await page.GetByTestId("room-close").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Close the room" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-state")).ToHaveTextAsync("Off");
        Assert.Equal("closed", (await FiguresAsync(s)).State);
        (await s.HoldGaAsync(1, "walk-in@example.com", browser.Platform.CreateClient())).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ChineseOwner_OnAPhone_FiguresAndRefusalInChinese_PausesAndUploadsMembers_WithoutSidewaysScrolling()
    {
        var s = await RoomAsync(locale: "zh-CN", title: "港湾灯火");
        (await s.Owner.PutAsJsonAsync(StaffPath(s), new { ratePerMinute = 30 })).EnsureSuccessStatusCode();
        await OpenedAsync(s);
        for (var i = 0; i < 3; i++)
        {
            (await browser.Platform.CreateClient().PostAsJsonAsync($"{RoomPath(s)}/tickets", new { })).EnsureSuccessStatusCode();
        }

        var owner = await ConsoleStaff.InviteAsync(browser.Platform, s.Events.Tenant.Id, s.Events.Tenant.Slug, "owner");
        var page = await browser.PhoneAsync(locale: "zh-CN");
        page.SetDefaultNavigationTimeout(ConsoleStaff.Boot.Timeout!.Value);
        await ConsoleStaff.SignInAsync(browser, page, $"/console/events/{s.Event.Id}/waiting-room", owner);

        await Assertions.Expect(page.GetByTestId("room-state")).ToHaveTextAsync("开放中");
        await Assertions.Expect(page.GetByTestId("room-rate")).ToHaveTextAsync("30 人/分钟");
        await Assertions.Expect(page.GetByTestId("room-admitted")).Not.ToHaveTextAsync("0", Polled);
        var text = await page.Locator("main, .mud-main-content").First.InnerTextAsync();
        foreach (var word in EnglishLeftovers)
        {
            Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b"), $"English \"{word}\" on {page.Url}:\n{text}");
        }

        await AssertFitsAsync(page);
        await browser.ManualScreenshotAsync(page, "waiting-room-zh-1-phone");

        // A rate of 0: the API's refusal, in Chinese, beside the field.
        await page.Field("room-rate-input").FillAsync("0");
        await page.GetByTestId("room-apply").ClickAsync();
        await Assertions.Expect(page.FieldError("room-rate-input")).ToHaveTextAsync("放行速度须在每分钟 1 至 100,000 人之间。");
        Assert.Equal(30, (await FiguresAsync(s)).RatePerMinute);
        await browser.ManualScreenshotAsync(page, "waiting-room-zh-2-rate-refused-phone");

        await page.GetByTestId("room-pause").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-state")).ToHaveTextAsync("已暂停");
        Assert.Equal("paused", (await FiguresAsync(s)).State);

        await page.Locator("textarea[data-testid='room-members-text'], [data-testid='room-members-text'] textarea").First
            .FillAsync("mei@example.com\nlei@example.com");
        await page.GetByTestId("room-members-upload").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-members-count")).ToHaveTextAsync("名单内 2 个邮箱");
        Assert.Equal(2, (await FiguresAsync(s)).Members);
        await AssertFitsAsync(page);

        await page.SetViewportSizeAsync(1280, 800);
        await browser.ManualScreenshotAsync(page, "waiting-room-zh-3-desktop");
    }

    [Fact]
    public async Task Analyst_WatchesTheRoom_WithoutControls_ApiRefusesTheirChange()
    {
        var s = await RoomAsync(locale: "en", title: "Quiet Watch");
        (await s.Owner.PutAsJsonAsync(StaffPath(s), new { ratePerMinute = 45, releasePercent = 10 })).EnsureSuccessStatusCode();
        var analyst = await ConsoleStaff.InviteAsync(browser.Platform, s.Events.Tenant.Id, s.Events.Tenant.Slug, "analyst");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, $"/console/events/{s.Event.Id}/waiting-room", analyst);

        await Assertions.Expect(page.GetByTestId("room-rate")).ToHaveTextAsync("45 / min");
        await Assertions.Expect(page.GetByTestId("room-release")).ToHaveTextAsync("10 %");
        await Assertions.Expect(page.GetByTestId("room-read-only")).ToBeVisibleAsync();
        foreach (var control in new[] { "room-pause", "room-close", "room-apply", "room-members-upload" })
        {
            await Assertions.Expect(page.GetByTestId(control)).ToHaveCountAsync(0);
        }

        using var watcher = browser.Platform.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "analyst"));
        await (await watcher.PostAsync($"{StaffPath(s)}/pause", null)).ProblemAsync(System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Promoter_ArmsTheRoomAboveAHoldRate_WithAnOnSaleTime_TheApiHasBoth_AndTheFormShowsThemAfterAReload()
    {
        var s = await RoomAsync(locale: "en", title: "Armed Night");
        var admin = await ConsoleStaff.InviteAsync(browser.Platform, s.Events.Tenant.Id, s.Events.Tenant.Slug, "admin");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, $"/console/events/{s.Event.Id}/waiting-room", admin);
        await Assertions.Expect(page.GetByTestId("room-state")).ToHaveTextAsync("Off");

        // Armed, not on: it switches itself on above 250 holds/s; 40 buyers a minute; the on-sale time typed in the
        // event's zone (Europe/Berlin, UTC+1 in December).
        await page.Field("room-rate-input").FillAsync("40");
        await page.Field("room-opens-input").FillAsync("2030-12-01T14:03");
        await page.GetByTestId("room-switch-auto").ClickAsync();
        await page.Field("room-auto-on-input").FillAsync("250");
        await Assertions.Expect(page.GetByTestId("room-apply")).ToHaveTextAsync("Arm");
        await page.GetByTestId("room-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-state")).ToHaveTextAsync("Armed");

        var room = await FiguresAsync(s);
        Assert.Equal(("armed", 40, (int?)250), (room.State, room.RatePerMinute, room.AutoOnPerSecond));
        Assert.Equal(new DateTimeOffset(2030, 12, 1, 13, 3, 0, TimeSpan.Zero), room.OpensAt);
        Assert.False(room.Opened);

        // After a reload everything shown comes from the API: the form, the note and the on-sale time (en unchanged).
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("room-state")).ToHaveTextAsync("Armed");
        await Assertions.Expect(page.GetByTestId("room-note")).ToContainTextAsync("when public holds pass 250 per second");
        await Assertions.Expect(page.GetByTestId("room-opens")).ToContainTextAsync("On-sale time: Sun 1 Dec 2030 14:03 (Europe/Berlin)");
        await Assertions.Expect(page.Field("room-rate-input")).ToHaveValueAsync("40");
        await Assertions.Expect(page.Field("room-opens-input")).ToHaveValueAsync("2030-12-01T14:03");
        await Assertions.Expect(page.Field("room-auto-on-input")).ToHaveValueAsync("250");
        await Assertions.Expect(page.Field("room-switch-auto")).ToBeCheckedAsync();
        await browser.ManualScreenshotAsync(page, "waiting-room-7-armed");
    }

    [Fact]
    public async Task ChineseOwner_OnSaleTimeAndEventDates_ReadYearMonthDayThenWeekday_OnDesktopAndPhone()
    {
        var s = await RoomAsync(locale: "zh-CN", title: "冬夜");
        // Armed for 1 December 2030, 14:03 in Berlin (13:03 UTC), a Sunday.
        (await s.Owner.PutAsJsonAsync(StaffPath(s), new { ratePerMinute = 30, opensAt = "2030-12-01T13:03:00Z", autoOnPerSecond = 100 }))
            .EnsureSuccessStatusCode();
        var owner = await ConsoleStaff.InviteAsync(browser.Platform, s.Events.Tenant.Id, s.Events.Tenant.Slug, "owner");
        var page = await browser.DesktopAsync(locale: "zh-CN");
        page.SetDefaultNavigationTimeout(ConsoleStaff.Boot.Timeout!.Value);
        await ConsoleStaff.SignInAsync(browser, page, $"/console/events/{s.Event.Id}/waiting-room", owner);

        // Not "周日 1 12月 2030 14:03": year, month and day as Chinese writes a date, then the weekday and the time.
        await Assertions.Expect(page.GetByTestId("room-state")).ToHaveTextAsync("待自动开启");
        await Assertions.Expect(page.GetByTestId("room-opens")).ToContainTextAsync("开售时间: 2030年12月1日 周日 14:03 (Europe/Berlin)");
        await browser.ManualScreenshotAsync(page, "waiting-room-zh-4-on-sale-time");
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(page.GetByTestId("room-opens")).ToContainTextAsync("2030年12月1日 周日 14:03");
        await AssertFitsAsync(page);
        await browser.ManualScreenshotAsync(page, "waiting-room-zh-5-on-sale-time-phone");

        // The event's dates are shown by the same helper (EventTime.Show): the first date reads the same way.
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync($"/console/events/{s.Event.Id}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "场次" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("occurrence-starts")).ToHaveTextAsync(new Regex(@"^\s*\d{4}年\d{1,2}月\d{1,2}日 周[日一二三四五六] \d{2}:\d{2}\s*$"));
    }

    /// <summary>An on-sale GA event (100 places) of a new tenant in <paramref name="locale"/>, with the console's client registered.</summary>
    private async Task<CheckoutScenario> RoomAsync(string locale, string title)
    {
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        return await CheckoutScenario.GaAsync(browser.Platform, capacity: 100, locale: locale, title: title);
    }

    private static string StaffPath(CheckoutScenario s) => $"/api/v1/events/{s.Event.Id}/waiting-room";

    private static string RoomPath(CheckoutScenario s) => $"{s.Prefix}/events/{s.Event.Id}/waiting-room";

    private static async Task<RoomResponse> FiguresAsync(CheckoutScenario s) => await (await s.Owner.GetAsync(StaffPath(s))).ReadAsync<RoomResponse>();

    /// <summary>Waits for the admitter to open the room (its on-sale time is now), so buyers queue first come, first served.</summary>
    private static async Task OpenedAsync(CheckoutScenario s)
    {
        for (var i = 0; i < 100 && !(await FiguresAsync(s)).Opened; i++)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>Polls the buyer's position until it is admitted (20 s at most), then claims the pass (a cookie of the buyer's client).</summary>
    private static async Task PassAsync(CheckoutScenario s, HttpClient buyer)
    {
        for (var i = 0; i < 200; i++)
        {
            var position = await (await buyer.GetAsync($"{RoomPath(s)}/position")).ReadAsync<RoomPositionResponse>();
            if (position.State == RoomPositionStates.Admitted)
            {
                break;
            }

            await Task.Delay(100);
        }

        (await buyer.PostAsync($"{RoomPath(s)}/pass", null)).EnsureSuccessStatusCode();
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        // After a viewport change the drawer and toasts animate for a moment: give the layout up to 3 s to settle.
        try
        {
            await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth", null, new() { Timeout = 3_000 });
        }
        catch (PlaywrightException)
        {
            // Measured and explained below.
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        // The elements that stick out, to say which one does.
        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                .slice(0, 8).map(e => e.tagName + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().right))
            """);
        Assert.True(widths[0] <= widths[1], $"The page scrolls sideways at {widths[1]} px: {widths[0]} px wide: {string.Join("; ", wide)}");
    }
}

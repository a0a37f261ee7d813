using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.IntegrationTests.Holds;

namespace Platform.BrowserTests;

/// <summary>
/// The console in the person's language and culture (issue #15): zh-CN texts from Texts.zh-CN.resx with no English
/// left on the pages visited, and dates written the way the person's culture writes them (never .NET's bare "en",
/// which is month-first with AM/PM).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleLocalizationTests(BrowserFixture browser)
{
    /// <summary>English labels of the pages visited below; none may show in the Chinese console.</summary>
    private static readonly string[] EnglishLeftovers =
        ["Home", "Orders", "Events", "Get started", "Sign out", "Switch tenant", "Status", "Publish", "Open sales", "Find", "Search", "Welcome"];

    [Fact]
    public async Task ChineseAdmin_SeesChineseTexts_AndChineseDates_OnHomeEventsOrdersAndOnboarding()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10, locale: "zh-CN", title: "港湾之夜");
        var admin = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "admin");
        var page = await browser.DesktopAsync(locale: "zh-CN");

        await ConsoleStaff.SignInAsync(browser, page, "/console/", admin);
        await Assertions.Expect(page.GetByTestId("nav-orders")).ToHaveTextAsync("订单");
        await AssertNoEnglishAsync(page);
        await browser.ManualScreenshotAsync(page, "console-zh-1-home");

        await page.GetByTestId("nav-events").ClickAsync();
        await Assertions.Expect(page.GetByTestId("event-title")).ToHaveTextAsync("港湾之夜");
        await Assertions.Expect(page.GetByTestId("event-status")).ToHaveTextAsync("售票中");
        // zh-CN's short date and time as ICU writes it: 2027/1/4 下午7:00 (year first).
        var when = (await page.GetByTestId("event-starts").InnerTextAsync()).Trim();
        Assert.Matches(ChineseDate(), when);
        await AssertNoEnglishAsync(page);
        await browser.ManualScreenshotAsync(page, "console-zh-2-events");

        await page.GetByTestId("nav-onboarding").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-branding")).ToContainTextAsync("店铺外观");
        await AssertNoEnglishAsync(page);
        await browser.ManualScreenshotAsync(page, "console-zh-3-onboarding");
    }

    [Fact]
    public async Task EnglishInABritishBrowser_WritesDayFirstDates_With24HourTime()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10, title: "Dates Night");
        var admin = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "admin");
        var page = await browser.DesktopAsync(locale: "en-GB");

        await ConsoleStaff.SignInAsync(browser, page, "/console/events", admin);

        var when = (await page.GetByTestId("event-starts").InnerTextAsync()).Trim();
        Assert.Matches(BritishDate(), when);
    }

    private static async Task AssertNoEnglishAsync(IPage page)
    {
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var word in EnglishLeftovers)
        {
            Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b", RegexOptions.IgnoreCase), $"English \"{word}\" on {page.Url}:\n{text}");
        }
    }

    [GeneratedRegex(@"^\d{4}/\d{1,2}/\d{1,2} (上午|下午)?\d{1,2}:\d{2}$")]
    private static partial Regex ChineseDate();

    [GeneratedRegex(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$")]
    private static partial Regex BritishDate();
}

using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using static Platform.BrowserTests.StorefrontPurchaseTests;

namespace Platform.BrowserTests;

/// <summary>
/// A Chinese buyer on a Chinese tenant, through the reserved-seating path: home, event, seats and checkout must read
/// entirely in Chinese. "No English leftovers" is checked against the storefront's own English texts (Text.resx): no
/// literal part of any of them may appear in what the page shows or says to a screen reader.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class StorefrontChineseTests(BrowserFixture browser)
{
    [Fact]
    public async Task ChineseBuyer_HomeEventSeatsAndCheckout_ReadInChinese_WithNoEnglishLeftovers()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Jade Stage", "zh-CN", "CNY", "Asia/Shanghai");
        await shop.SeatedEventAsync("牡丹亭", premium: 68000, stalls: 38000, circle: 18000, chinese: true);
        var page = await browser.PhoneAsync("zh-CN");

        await page.GotoAsync(shop.Root);
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("¥180 起", await page.GetByTestId("listings").InnerTextAsync());
        await AssertNoEnglishAsync(page);

        await page.GetByTestId("listings").Locator("a").First.ClickAsync();
        Assert.Contains("两幕剧", await page.Locator("main").InnerTextAsync());
        await AssertNoEnglishAsync(page);
        await page.GetByTestId("occurrences").GetByRole(AriaRole.Link, new() { Name = "选座购票" }).ClickAsync();

        Assert.Contains("楼座", await page.GetByTestId("sections").InnerTextAsync());
        await AssertNoEnglishAsync(page);
        await page.GetByTestId("sections").GetByRole(AriaRole.Link, new() { Name = "池座" }).ClickAsync();
        await page.GetByTestId("seatmap").WaitForAsync();
        Assert.Contains("贵宾 · ¥680", await page.GetByTestId("legend").InnerTextAsync());
        Assert.Equal("池座，A排2座，¥680", await Seat(page, "A", "2").GetAttributeAsync("aria-label"));
        await Seat(page, "A", "2").ClickAsync();
        await Seat(page, "A", "3").ClickAsync();
        Assert.Equal("已选：A排2座、A排3座", await page.GetByTestId("chosen").InnerTextAsync());
        await page.GetByLabel("电子邮箱").FillAsync("lin@example.com");
        await AssertNoEnglishAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "18-seat-map-zh-CN");

        await page.GetByTestId("hold-seats").ClickAsync();
        await page.WaitForURLAsync("**/checkout/**");
        Assert.Equal("池座 · A · 2\n池座 · A · 3", await page.GetByTestId("held-seats").InnerTextAsync());
        Assert.Equal("¥1,360", await page.GetByTestId("total").InnerTextAsync());
        await page.GetByLabel("姓名").FillAsync("林黛玉");
        await page.GetByLabel("电子邮箱").FillAsync("lin@example.com");
        await page.GetByLabel("银行卡号").FillAsync("4242424242424242");
        await page.GetByLabel("我已阅读并同意购票条款。").CheckAsync();
        await AssertNoEnglishAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "19-seat-checkout-zh-CN");
        await page.GetByTestId("pay").ClickAsync();
        await page.WaitForURLAsync("**/orders/**");
        Assert.Contains("池座 · A · 2", await page.GetByTestId("tickets").InnerTextAsync());
        await AssertNoEnglishAsync(page);

        // The same seat map on a laptop, in Chinese.
        var wide = await browser.PhoneAsync("zh-CN", width: 1366, height: 900);
        await wide.GotoAsync(shop.Root);
        await wide.GetByTestId("listings").Locator("a").First.ClickAsync();
        await wide.GetByTestId("occurrences").GetByRole(AriaRole.Link, new() { Name = "选座购票" }).ClickAsync();
        await wide.GetByTestId("sections").GetByRole(AriaRole.Link, new() { Name = "池座" }).ClickAsync();
        Assert.Equal("true", await Seat(wide, "A", "2").GetAttributeAsync("aria-disabled"));
        await Seat(wide, "C", "9").ClickAsync();
        await AssertNoEnglishAsync(wide);
        await browser.ScreenshotAsync(wide, "18-seat-map-zh-CN-1366");
    }

    private static ILocator Seat(IPage page, string row, string seat) => page.Locator($"[data-row='{row}'] [data-seat][data-s='{seat}']");

    /// <summary>
    /// The visible text and every accessible name, tooltip and placeholder on the page, compared with the literal parts
    /// (between placeholders) of the storefront's English texts that the Chinese resource does not share.
    /// </summary>
    internal static async Task AssertNoEnglishAsync(IPage page)
    {
        var shown = await page.EvaluateAsync<string>("""
            () => [document.body.innerText, document.title,
                   ...[...document.querySelectorAll('[aria-label],[title],[placeholder],[alt],[data-taken],[data-chosen-format],[data-seat-format]')]
                      .flatMap(e => ['aria-label','title','placeholder','alt','data-taken','data-chosen-format','data-seat-format']
                      .map(a => e.getAttribute(a) || ''))].join('\n')
            """);
        // Whole words only: "row" must not be found inside "tomorrow" (or an e-mail address the buyer typed).
        var leftovers = EnglishFragments.Value
            .Where(f => Regex.IsMatch(shown, $@"(?<![A-Za-z@.]){Regex.Escape(f)}(?![A-Za-z])", RegexOptions.IgnoreCase)).ToList();
        Assert.True(leftovers.Count == 0, $"{page.Url} shows English: {string.Join(" | ", leftovers)}");
    }

    private static readonly Lazy<IReadOnlyList<string>> EnglishFragments = new(() =>
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Platform.Api", "Pages", "Storefront");
        var english = Load(Path.Combine(folder, "Text.resx"));
        var chinese = Load(Path.Combine(folder, "Text.zh-CN.resx"));
        // Fragments with a word of three letters or more ("row", "from", "Pay"), not "£" or "·". A word the Chinese
        // translation of the same text keeps on purpose (e.g. "PDF") is not a leftover; a value copied unchanged is.
        return english
            .Where(e => !e.Key.StartsWith("landing.", StringComparison.Ordinal))
            .SelectMany(e => Placeholder().Split(e.Value).Select(f => (Key: e.Key, Fragment: f.Trim(' ', ',', '.', ':', '(', ')', '·', '—', '–', '!', '?'))))
            .Where(x => !(chinese.TryGetValue(x.Key, out var zh) && zh != english[x.Key] && zh.Contains(x.Fragment, StringComparison.OrdinalIgnoreCase)))
            .Select(x => x.Fragment)
            .Where(f => Word().IsMatch(f))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    });

    private static Dictionary<string, string> Load(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")! ?? "");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex Word();
}

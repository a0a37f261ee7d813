using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.AntiScalping;
using Platform.Holds;
using Platform.IntegrationTests.AntiScalping;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.BrowserTests;

/// <summary>
/// The console side of anti-scalping's e-mail-code challenge: the owner sets the challenge level in the policy (a level
/// the API refuses is said beside its field, in the person's language), and an order whose buyer passed the code is
/// listed under "Passed a code" with when it was passed. Screenshots are docs/manuals/anti-scalping.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleChallengeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Owner_SetsTheChallengeLevel_RefusalBesideField_PassedOrderListed()
    {
        var (s, page) = await SignInAsync(browser.DesktopAsync(), "owner");

        await page.Locator(".mud-tab", new() { HasText = "Policy" }).ClickAsync();
        await ChooseAsync(page, "as-policy-action", "Review: hold its tickets until staff decide");
        await page.Field("as-policy-threshold").FillAsync("0.8");
        await page.Field("as-policy-challenge").FillAsync("0.9");
        await page.GetByTestId("as-policy-save").ClickAsync();
        await Assertions.Expect(page.FieldError("as-policy-challenge")).ToHaveTextAsync("The challenge level must be below the threshold.");
        await browser.ManualScreenshotAsync(page, "anti-scalping-5-challenge-policy");
        Assert.Null((await (await s.Owner.GetAsync("/api/v1/anti-scalping/settings")).ReadAsync<RiskSettingsResponse>()).ChallengeThreshold);

        // Everything challenged (nothing scores 1): the level is saved.
        await page.Field("as-policy-threshold").FillAsync("1");
        await page.Field("as-policy-challenge").FillAsync("0");
        await page.GetByTestId("as-policy-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Policy saved.")).ToBeVisibleAsync();
        var saved = await (await s.Owner.GetAsync("/api/v1/anti-scalping/settings")).ReadAsync<RiskSettingsResponse>();
        Assert.Equal(("review", 1f, (float?)0f), (saved.Action, saved.Threshold, saved.ChallengeThreshold));

        var orderId = await BuyWithCodeAsync(s, "careful.buyer@example.org");
        await page.Locator(".mud-tab", new() { HasText = "Review queue" }).ClickAsync();
        await page.GetByTestId("as-status-challenged").ClickAsync();
        var row = page.Locator($"[data-testid='as-review-row'][data-order='{orderId}']");
        await Assertions.Expect(row.GetByTestId("as-challenged")).ToHaveTextAsync("Code entered");
        await row.GetByTestId("as-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("as-challenge-passed")).ToContainTextAsync("The buyer entered the code e-mailed to them");
        await Assertions.Expect(page.GetByTestId("as-approve")).ToHaveCountAsync(0);
        await browser.ManualScreenshotAsync(page, "anti-scalping-6-challenged");
    }

    [Fact]
    public async Task ChineseOwner_OnAPhone_ChallengeLevelAndPassedOrderInChinese()
    {
        var (s, page) = await SignInAsync(browser.PhoneAsync(locale: "zh-CN"), "owner");
        (await s.Owner.PutAsJsonAsync("/api/v1/anti-scalping/settings", new { action = "review", threshold = 1f, challengeThreshold = 0f })).EnsureSuccessStatusCode();
        var orderId = await BuyWithCodeAsync(s, "li.bai@example.org");

        await page.GetByTestId("as-status-challenged").ClickAsync();
        var row = page.Locator($"[data-testid='as-review-row'][data-order='{orderId}']");
        await Assertions.Expect(row.GetByTestId("as-challenged")).ToHaveTextAsync("已验证");
        await row.GetByTestId("as-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("as-challenge-passed")).ToContainTextAsync("买家已于");
        await AssertChineseAsync(page);
        await browser.ManualScreenshotAsync(page, "anti-scalping-zh-3-challenged-phone");

        await page.Locator(".mud-tab", new() { HasText = "策略" }).ClickAsync();
        await Assertions.Expect(page.Field("as-policy-challenge")).ToHaveValueAsync("0");
        await ChooseAsync(page, "as-policy-action", "标记：仅列出，不做处理");
        await page.GetByTestId("as-policy-save").ClickAsync();
        await Assertions.Expect(page.FieldError("as-policy-challenge")).ToHaveTextAsync("验证级别仅在策略为审核或拦截时可用。");
        await AssertChineseAsync(page);
        await browser.ManualScreenshotAsync(page, "anti-scalping-zh-4-challenge-policy-phone");
    }

    private async Task<(RiskScenario S, IPage Page)> SignInAsync(Task<IPage> opening, string role)
    {
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await RiskScenario.CreateAsync(browser.Platform);
        var tenant = s.Checkout.Events.Tenant;
        var person = await ConsoleStaff.InviteAsync(browser.Platform, tenant.Id, tenant.Slug, role);
        var page = await opening;
        page.SetDefaultNavigationTimeout(ConsoleStaff.Boot.Timeout!.Value);
        await ConsoleStaff.SignInAsync(browser, page, "/console/anti-scalping", person);
        return (s, page);
    }

    /// <summary>A buyer challenged through the public API who enters the mailed code; the order's id.</summary>
    private async Task<Guid> BuyWithCodeAsync(RiskScenario s, string email)
    {
        var hold = await (await s.Checkout.HoldGaAsync(2, email)).ReadAsync<HoldResponse>();
        HttpRequestMessage Order(object body) => new(HttpMethod.Post, $"{s.Checkout.Prefix}/orders")
        {
            Content = JsonContent.Create(body), Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken } },
        };
        var challenged = await (await s.Checkout.Public.SendAsync(Order(new { holdId = hold.Id, buyer = new { name = "Buyer", email } })))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var challengeId = challenged.GetProperty("challengeId").GetGuid();
        var body = await browser.Platform.MailBodyAsync(email, b => CodePattern().IsMatch(b), "with a code");
        var placed = await s.Checkout.Public.SendAsync(Order(new
        {
            holdId = hold.Id, buyer = new { name = "Buyer", email }, challengeId, challengeCode = CodePattern().Match(body).Groups[1].Value,
        }));
        return (await placed.ReadAsync<Platform.Orders.OrderResponse>()).Id;
    }

    private static async Task AssertChineseAsync(IPage page)
    {
        var text = await page.Locator("main, .mud-main-content").First.InnerTextAsync();
        foreach (var word in (string[])["Passed a code", "Code entered", "Challenge", "challenge", "Policy", "Threshold", "Review queue"])
        {
            Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b"), $"English \"{word}\" on {page.Url}:\n{text}");
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page scrolls sideways at {widths[1]} px: {widths[0]} px wide.");
    }

    /// <summary>Picks <paramref name="option"/> in the MudSelect carrying <paramref name="testId"/>.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).Locator(".mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).ClickAsync();
    }

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex CodePattern();
}

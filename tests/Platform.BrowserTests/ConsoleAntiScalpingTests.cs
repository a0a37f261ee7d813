using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.AntiScalping;
using Platform.AntiScalping.BlockList;
using Platform.Http;
using Platform.IntegrationTests.AntiScalping;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.BrowserTests;

/// <summary>
/// The anti-scalping page (issue #16): a scripted bot farm (20 buyers on one /24 with sequential e-mails, each taking
/// the most one order may) is held for review by the shipped model; an owner reads the scores and reasons, rejects one,
/// approves another, blocks the farm's domain, and sees the policy's refusal beside its field. Screenshots are
/// docs/manuals/anti-scalping.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleAntiScalpingTests(BrowserFixture browser)
{
    /// <summary>English words of the page; none may show in the Chinese console.</summary>
    private static readonly string[] EnglishLeftovers =
    [
        "Anti-scalping", "Review queue", "Block list", "Policy", "Waiting for review", "Flagged", "Approved", "Rejected", "Buyer", "Score",
        "Reasons", "Total", "Review", "Sequential identities", "Many buyers on one network", "Always the maximum quantity",
    ];

    [Fact]
    public async Task Owner_ReviewsTheFarmsOrders_RejectsOne_ApprovesOne_BlocksTheDomain_PolicyRefusalBesideField()
    {
        var (s, placed) = await FarmAsync();
        var tenant = s.Checkout.Events.Tenant;
        var owner = await ConsoleStaff.InviteAsync(browser.Platform, tenant.Id, tenant.Slug, "admin");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/anti-scalping", owner);

        // The queue: the farm's last order with its score and reasons in words.
        var last = page.Locator($"[data-testid='as-review-row'][data-order='{placed[^1].Id}']");
        await Assertions.Expect(last).ToContainTextAsync("scalper20@farm.example");
        await Assertions.Expect(last).ToContainTextAsync("Sequential identities");
        await Assertions.Expect(last).ToContainTextAsync("Many buyers on one network");
        var held = await page.GetByTestId("as-review-row").CountAsync();
        Assert.True(held >= 15, $"{held} farm orders in the queue");
        await browser.ManualScreenshotAsync(page, "anti-scalping-1-queue");

        // Reject the last with a note: its order is cancelled (unpaid) and it leaves the pending queue.
        await last.GetByTestId("as-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("as-decision")).ToContainTextAsync("Sequential identities (name1@, name2@)");
        await page.Locator("textarea[data-testid='as-note'], [data-testid='as-note'] textarea").First.FillAsync("bot farm on 203.0.113.0/24");
        await browser.ManualScreenshotAsync(page, "anti-scalping-2-decision");
        await page.GetByTestId("as-reject").ClickAsync();
        await Assertions.Expect(page.GetByText("Rejected: a paid order is refunded in full, an unpaid one cancelled.")).ToBeVisibleAsync();
        await Assertions.Expect(last).ToHaveCountAsync(0);
        var rejected = (await s.QueueAsync("rejected")).Single(q => q.OrderId == placed[^1].Id);
        Assert.Equal(("bot farm on 203.0.113.0/24", OrderState.Cancelled), (rejected.ReviewNote, rejected.OrderState));

        // Approve another: the API records it.
        var second = page.GetByTestId("as-review-row").First;
        var secondId = Guid.Parse((await second.GetAttributeAsync("data-order"))!);
        await second.GetByTestId("as-open").ClickAsync();
        await page.GetByTestId("as-approve").ClickAsync();
        await Assertions.Expect(page.GetByText("Approved: its tickets are issued once it is paid.")).ToBeVisibleAsync();
        Assert.Contains(await s.QueueAsync("approved"), q => q.OrderId == secondId);

        // Block the farm's domain from the queue: the block list opens filled in with the buyer's e-mail (the tab switch
        // once lost it); a bad value is refused beside its field.
        await page.GetByTestId("as-review-row").First.GetByTestId("as-open").ClickAsync();
        await page.GetByTestId("as-block-buyer").ClickAsync();
        await Assertions.Expect(page.Field("as-block-value")).ToHaveValueAsync(new Regex("^scalper\\d+@farm\\.example$"));
        await ChooseAsync(page, "as-block-kind", "E-mail domain");
        await page.Field("as-block-value").FillAsync("farm");
        await page.GetByTestId("as-block-add").ClickAsync();
        await Assertions.Expect(page.FieldError("as-block-value")).ToHaveTextAsync("Enter a domain such as example.com.");
        await page.Field("as-block-value").FillAsync("farm.example");
        await page.Field("as-block-note").FillAsync("20 sequential buyers, one /24");
        await page.GetByTestId("as-block-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("as-block-row-value")).ToHaveTextAsync("farm.example");
        await browser.ManualScreenshotAsync(page, "anti-scalping-3-block-list");
        Assert.Equal("order_blocked", (await (await s.BuyAsync("scalper21@farm.example", "198.51.100.99")).ProblemAsync(HttpStatusCode.Forbidden)).Code());

        // The policy: a threshold outside 0–1 is the API's refusal, beside the field; a valid one is saved.
        await page.Locator(".mud-tab", new() { HasText = "Policy" }).ClickAsync();
        await page.Field("as-policy-threshold").FillAsync("1.5");
        await page.GetByTestId("as-policy-save").ClickAsync();
        await Assertions.Expect(page.FieldError("as-policy-threshold")).ToHaveTextAsync("The threshold is a number from 0 to 1.");
        await browser.ManualScreenshotAsync(page, "anti-scalping-4-policy");
        await ChooseAsync(page, "as-policy-action", "Block: refuse the order");
        await page.Field("as-policy-threshold").FillAsync("0.9");
        await page.GetByTestId("as-policy-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Policy saved.")).ToBeVisibleAsync();
        var settings = await (await s.Owner.GetAsync("/api/v1/anti-scalping/settings")).ReadAsync<RiskSettingsResponse>();
        Assert.Equal(("block", 0.9f), (settings.Action, settings.Threshold));
    }

    [Fact]
    public async Task BoxOffice_SeesNoEntry_PageSaysNotAllowed_ApiRefuses()
    {
        var (s, _) = await FarmAsync(buyers: 3);
        var tenant = s.Checkout.Events.Tenant;
        var seller = await ConsoleStaff.InviteAsync(browser.Platform, tenant.Id, tenant.Slug, "box_office");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/anti-scalping", seller);

        await Assertions.Expect(page.GetByTestId("as-not-allowed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("nav-box-office")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("nav-anti-scalping")).ToHaveCountAsync(0);
        var clerk = browser.Platform.CreateClient(TestCaller.TenantMember(tenant.Id, "box_office"));
        await (await clerk.GetAsync("/api/v1/anti-scalping/reviews")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await clerk.GetAsync("/api/v1/anti-scalping/blocks")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await clerk.PostAsJsonAsync("/api/v1/anti-scalping/blocks", new { kind = "domain", value = "farm.example" })).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ChineseOwner_OnAPhone_QueueAndReasonsInChinese_WithoutSidewaysScrolling()
    {
        var (s, _) = await FarmAsync();
        var tenant = s.Checkout.Events.Tenant;
        var owner = await ConsoleStaff.InviteAsync(browser.Platform, tenant.Id, tenant.Slug, "owner");
        var page = await browser.PhoneAsync(locale: "zh-CN");
        page.SetDefaultNavigationTimeout(ConsoleStaff.Boot.Timeout!.Value);
        await ConsoleStaff.SignInAsync(browser, page, "/console/anti-scalping", owner);

        await Assertions.Expect(page.GetByTestId("as-review-row").First).ToContainTextAsync("连号身份");
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "审核队列", Exact = true })).ToBeVisibleAsync();
        var text = await page.Locator("main, .mud-main-content").First.InnerTextAsync();
        foreach (var word in EnglishLeftovers)
        {
            Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b"), $"English \"{word}\" on {page.Url}:\n{text}");
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page scrolls sideways at {widths[1]} px: {widths[0]} px wide.");
        await browser.ManualScreenshotAsync(page, "anti-scalping-zh-1-queue-phone");
        await page.Locator(".mud-tab", new() { HasText = "封禁名单" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("as-blocks-empty")).ToBeVisibleAsync();
        await browser.ManualScreenshotAsync(page, "anti-scalping-zh-2-block-list-phone");
    }

    /// <summary>Policy "review"; a farm of <paramref name="buyers"/> on 203.0.113.0/24 with e-mails scalper1@ … through the public API.</summary>
    private async Task<(RiskScenario S, List<OrderResponse> Placed)> FarmAsync(int buyers = 20)
    {
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await RiskScenario.CreateAsync(browser.Platform);
        (await s.SettingsAsync("review")).EnsureSuccessStatusCode();
        var placed = new List<OrderResponse>();
        for (var i = 1; i <= buyers; i++)
        {
            placed.Add(await s.PlaceAsync($"scalper{i}@farm.example", $"203.0.113.{i + 10}", quantity: 6, phone: $"+1 555 0100 {i:00}"));
        }

        return (s, placed);
    }

    /// <summary>Picks <paramref name="option"/> in the MudSelect carrying <paramref name="testId"/>.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).Locator(".mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).ClickAsync();
    }
}

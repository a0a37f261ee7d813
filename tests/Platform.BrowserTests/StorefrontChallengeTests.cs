using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.IntegrationTests.Infrastructure;
using static Platform.BrowserTests.StorefrontPurchaseTests;

namespace Platform.BrowserTests;

/// <summary>
/// Anti-scalping's e-mail-code challenge in the storefront: the promoter's policy challenges every order, the buyer is
/// asked for the code mailed to them (read here from the test mail sink), a wrong code is refused beside the field,
/// and the right one finishes the purchase — in English and in Chinese, on a phone and on a desktop.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class StorefrontChallengeTests(BrowserFixture browser)
{
    private static async Task ChallengeEveryOrderAsync(Shop shop) =>
        (await shop.Owner.PutAsJsonAsync("/api/v1/anti-scalping/settings", new { action = "review", threshold = 1f, challengeThreshold = 0f }))
            .EnsureSuccessStatusCode();

    private async Task<string> CodeAsync(string email)
    {
        var body = await browser.Platform.MailBodyAsync(email, b => b.Contains("checkout page", StringComparison.Ordinal) && CodePattern().IsMatch(b), "with a code");
        return CodePattern().Match(body).Groups[1].Value;
    }

    [Fact]
    public async Task ChallengedBuyer_EntersTheMailedCode_WrongOneRefusedBesideTheField_RightOnePays()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Guarded Hall", "en", "GBP", "Europe/London");
        await shop.GaEventAsync("Sold-Out Tour", priceMinor: 4500);
        await ChallengeEveryOrderAsync(shop);
        var page = await browser.PhoneAsync();
        await ToCheckoutAsync(page, shop, adults: 2);
        await FillBuyerAsync(page, "4242424242424242");
        await page.GetByLabel("Email").FillAsync("guarded.buyer@example.com");

        await page.GetByTestId("pay").ClickAsync();

        // Challenged: nothing ordered yet, the code field is there, and the code went to the buyer.
        await Assertions.Expect(page.GetByTestId("challenge-sent")).ToContainTextAsync("We e-mailed a 6-digit code to guarded.buyer@example.com");
        Assert.Equal(0L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t"));
        var code = await CodeAsync("guarded.buyer@example.com");
        await page.GetByLabel("Code from the e-mail").FillAsync(code == "000000" ? "111111" : "000000");
        await page.GetByTestId("pay").ClickAsync();
        await Assertions.Expect(page.GetByTestId("challenge-error")).ToHaveTextAsync("That code is not right. Check the e-mail and try again.");
        Assert.Equal(0L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t"));
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "30-challenge-code");

        // The card and the terms survive the round trip; the right code places and pays the order.
        Assert.Equal("4242424242424242", await page.GetByLabel("Card number").InputValueAsync());
        await page.GetByLabel("Code from the e-mail").FillAsync(code);
        await page.GetByTestId("pay").ClickAsync();
        await page.WaitForURLAsync("**/orders/**");
        Assert.True(await page.GetByTestId("confirmed").IsVisibleAsync());
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t AND state = 'paid'"));
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM order_risks WHERE tenant_id = @t AND decision = 'challenge' AND challenge_passed_at IS NOT NULL"));

        var desktop = await browser.DesktopAsync();
        await ToCheckoutAsync(desktop, shop, adults: 1);
        await desktop.GetByLabel("Full name").FillAsync("Grace Hopper");
        await desktop.GetByLabel("Email").FillAsync("grace.desk@example.com");
        await desktop.GetByLabel("Card number").FillAsync("4242424242424242");
        await desktop.GetByLabel("I accept the terms of sale.").CheckAsync();
        await desktop.GetByTestId("pay").ClickAsync();
        await Assertions.Expect(desktop.GetByTestId("challenge")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(desktop, "30-challenge-code-desktop");
    }

    [Fact]
    public async Task ChineseBuyer_ChallengeReadsInChinese_AndFinishesThePurchase()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Magnolia Stage", "zh-CN", "CNY", "Asia/Shanghai");
        await shop.GaEventAsync("新年音乐会", priceMinor: 28000);
        await ChallengeEveryOrderAsync(shop);
        var page = await browser.PhoneAsync("zh-CN");
        await ToCheckoutAsync(page, shop, adults: 1);
        await page.Locator("#Buyer_Name").FillAsync("李清照");
        await page.Locator("#Buyer_Email").FillAsync("qingzhao@example.com");
        await page.Locator("#Buyer_Card").FillAsync("4242424242424242");
        await page.Locator("#Buyer_Terms").CheckAsync();
        await page.GetByTestId("pay").ClickAsync();

        await Assertions.Expect(page.GetByTestId("challenge-sent")).ToContainTextAsync("我们已向 qingzhao@example.com 发送了 6 位验证码");
        await page.GetByLabel("邮件中的验证码").FillAsync("12");
        await page.GetByTestId("pay").ClickAsync();
        await Assertions.Expect(page.GetByTestId("challenge-error")).ToHaveTextAsync("请输入邮件中的 6 位数字。");
        await StorefrontChineseTests.AssertNoEnglishAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "31-challenge-code-zh");

        await page.GetByLabel("邮件中的验证码").FillAsync(await CodeAsync("qingzhao@example.com"));
        await page.GetByTestId("pay").ClickAsync();
        await page.WaitForURLAsync("**/orders/**");
        Assert.True(await page.GetByTestId("confirmed").IsVisibleAsync());
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t AND state = 'paid'"));
    }

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex CodePattern();
}

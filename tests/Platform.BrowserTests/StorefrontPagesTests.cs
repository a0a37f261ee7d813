using Microsoft.Playwright;

namespace Platform.BrowserTests;

/// <summary>Languages, money and dates, the landing page, 404 pages and on-sale-soon, in Chromium on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StorefrontPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task ChineseTenant_ShowsChineseAndYuan_AndTheSwitchTurnsItToEnglish()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Jade Theatre", "zh-CN", "CNY", "Asia/Shanghai");
        await shop.GaEventAsync("牡丹亭", priceMinor: 28000, dates: 2);
        // A browser asking for Chinese gets the tenant's Chinese storefront.
        var page = await browser.PhoneAsync("zh-CN");

        await page.GotoAsync(shop.Root);
        var list = await page.GetByTestId("listings").InnerTextAsync();
        Assert.Contains("¥280 起", list);
        Assert.Contains("年", list);
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        await StorefrontPurchaseTests.AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "9-home-zh-CN");

        await page.GetByTestId("listings").Locator("a").First.ClickAsync();
        await page.GetByTestId("occurrences").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByLabel("成人").SelectOptionAsync("2");
        await page.GetByTestId("update-price").ClickAsync();
        Assert.Equal("¥560", await page.GetByTestId("total").InnerTextAsync());
        Assert.Contains("价格明细", await page.GetByTestId("quote").InnerTextAsync());
        await browser.ScreenshotAsync(page, "10-tickets-zh-CN");

        await page.GetByTestId("lang-switch").ClickAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("Choose your tickets", await page.Locator("h1").InnerTextAsync());
        // The choice is remembered for the next page, over the browser's language.
        await page.GotoAsync(shop.Root);
        Assert.Contains("from ¥280", await page.GetByTestId("listings").InnerTextAsync());
    }

    [Fact]
    public async Task EnglishBrowser_OnEnglishTenant_GetsEnglish_AndAWrongLanguageFallsBack()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Harbour Stadium", "en", "USD", "America/New_York");
        await shop.GaEventAsync("Season Opener", priceMinor: 4000);
        var page = await browser.PhoneAsync("en-US");

        await page.GotoAsync(shop.Root + "?lang=xx-evil");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("from $40.00", await page.GetByTestId("listings").InnerTextAsync());
    }

    [Fact]
    public async Task OnSaleSoon_ShowsTheOpeningAndACountdown_AndNoWayToBuy()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Soon Hall", "en", "GBP", "Europe/London");
        var ev = await shop.GaEventAsync("Big Reunion", priceMinor: 6500, salesOpen: DateTimeOffset.UtcNow.AddDays(2));
        var page = await browser.PhoneAsync();

        await page.GotoAsync($"{shop.Root}/events/{ev.Id}");
        Assert.True(await page.GetByTestId("onsale-soon").IsVisibleAsync());
        await page.WaitForFunctionAsync("() => /\\d+d \\d+:\\d\\d:\\d\\d/.test(document.querySelector('[data-countdown]').textContent)");
        Assert.Equal(0, await page.GetByTestId("occurrences").GetByRole(AriaRole.Link).CountAsync());
        await browser.ScreenshotAsync(page, "11-on-sale-soon");
    }

    [Fact]
    public async Task ALogoThatDoesNotLoad_IsHidden_NotABrokenImage()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Lost Logo", "en", "GBP", "Europe/London", logoUrl: "https://logo.unreachable.invalid/logo.png");
        var page = await browser.PhoneAsync();

        await page.GotoAsync(shop.Root);

        var logo = page.Locator("header img.logo");
        Assert.Equal(1, await logo.CountAsync());
        await Assertions.Expect(logo).ToBeHiddenAsync();
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Lost Logo" }).IsVisibleAsync());
    }

    [Fact]
    public async Task Landing_IsAPageWithSwaggerAndSignIn_AndUnknownTenantIsAnHtml404()
    {
        var page = await browser.PhoneAsync();
        var landing = await page.GotoAsync("/");
        Assert.Equal(200, landing!.Status);
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Swagger UI" }).IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).IsVisibleAsync());
        await StorefrontPurchaseTests.AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "0-landing");

        var missing = await page.GotoAsync("/t/no-such-shop-anywhere");
        Assert.Equal(404, missing!.Status);
        Assert.StartsWith("text/html", missing.Headers["content-type"]);
        Assert.True(await page.GetByTestId("not-found").IsVisibleAsync());

        var shop = await Shop.CreateAsync(browser.Platform, "Known Shop", "en", "GBP", "Europe/London");
        var unknownEvent = await page.GotoAsync($"{shop.Root}/events/{Guid.NewGuid()}");
        Assert.Equal(404, unknownEvent!.Status);
        Assert.True(await page.GetByTestId("not-found").IsVisibleAsync());
    }

    [Fact]
    public async Task TicketLookup_ByOrderAndEmail_OpensTheOrder_AndAWrongEmailDoesNot()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Lookup Live", "en", "GBP", "Europe/London");
        await shop.GaEventAsync("Encore", priceMinor: 3000);
        var buyer = await browser.PhoneAsync();
        await StorefrontPurchaseTests.ToCheckoutAsync(buyer, shop, adults: 1);
        await StorefrontPurchaseTests.FillBuyerAsync(buyer, "4242424242424242");
        await buyer.GetByTestId("pay").ClickAsync();
        var orderId = await buyer.GetByTestId("order-id").InnerTextAsync();

        // Another browser (no cookies) cannot open the order by its URL, and not with a wrong email either.
        var other = await browser.PhoneAsync();
        Assert.Equal(404, (await other.GotoAsync($"{shop.Root}/orders/{orderId}"))!.Status);
        await other.GotoAsync($"{shop.Root}/tickets");
        await other.GetByTestId("lookup-order").FillAsync(orderId);
        await other.GetByTestId("lookup-email").FillAsync("someone@example.com");
        await other.GetByTestId("lookup").ClickAsync();
        Assert.True(await other.GetByTestId("problem").IsVisibleAsync());

        await other.GetByTestId("lookup-email").FillAsync("GRACE@example.com");
        await other.GetByTestId("lookup").ClickAsync();
        await other.WaitForURLAsync($"**/orders/{orderId}");
        Assert.Equal(1, await other.GetByTestId("tickets").Locator("li").CountAsync());
    }
}

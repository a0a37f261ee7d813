using System.Net.Http.Json;
using Microsoft.Playwright;
using Platform.IntegrationTests.Payments.Stripe;

namespace Platform.BrowserTests;

/// <summary>
/// A tenant that takes Stripe (Connect): the buyer pays on the order's pay page through the Payment Element (Stripe.js
/// answered by <see cref="StripeJsDouble"/>), and the order is completed from Stripe's own answer when the buyer
/// comes back — a declined card first, then a card that pays, on the same order and the same PaymentIntent.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StorefrontStripeTests(BrowserFixture browser)
{
    [Fact]
    public async Task StripeTenant_PaymentElement_DeclineThenPay_OrderPaidFromStripesAnswerOnce()
    {
        var (shop, account) = await StripeShopAsync("Stripe Arena");
        var page = await browser.PhoneAsync();
        await StripeJsDouble.InstallAsync(page.Context, browser.Platform.Stripe);
        await StorefrontPurchaseTests.ToCheckoutAsync(page, shop, adults: 2);

        Assert.True(await page.GetByTestId("pays-with-stripe").IsVisibleAsync());
        Assert.Equal(0, await page.GetByLabel("Card number").CountAsync());
        await page.GetByLabel("Full name").FillAsync("Grace Hopper");
        await page.GetByLabel("I accept the terms of sale.").CheckAsync();
        await page.GetByTestId("pay").ClickAsync();
        await page.WaitForURLAsync("**/pay");

        // Stripe.js got what Stripe needs for a Connect direct charge: the platform's publishable key, the account, the secret.
        var intent = browser.Platform.Stripe.Intents.Values.Single(i => i.Account == account);
        Assert.Equal(StripeStandIn.PlatformPublishableKey, await page.EvaluateAsync<string>("window.__stripeJs.key"));
        Assert.Equal(account, await page.EvaluateAsync<string>("window.__stripeJs.options.stripeAccount"));
        Assert.StartsWith(intent.Id + "_secret_", await page.EvaluateAsync<string>("window.__stripeJs.clientSecret"), StringComparison.Ordinal);
        var csp = (await page.Context.APIRequest.GetAsync(page.Url)).Headers["content-security-policy"];
        Assert.Contains("https://js.stripe.com", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://api.stripe.com", csp, StringComparison.Ordinal);
        await StorefrontPurchaseTests.AssertNoHorizontalScrollAsync(page);

        await page.GetByTestId("stripe-card").FillAsync("4000 0000 0000 0002");
        await page.GetByTestId("stripe-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payment-error")).ToContainTextAsync("declined");
        await browser.ScreenshotAsync(page, "20-stripe-declined");
        Assert.Equal(0L, await shop.CountAsync("SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'succeeded'"));

        await page.GetByTestId("stripe-card").FillAsync("4242 4242 4242 4242");
        await page.GetByTestId("stripe-submit").ClickAsync();
        await page.WaitForURLAsync("**redirect_status=succeeded");

        // No webhook was delivered: the order page asked Stripe about the intent and completed the order from its answer.
        await Assertions.Expect(page.GetByTestId("confirmed")).ToBeVisibleAsync();
        Assert.Equal(2, await page.GetByTestId("tickets").Locator("li").CountAsync());
        await browser.ScreenshotAsync(page, "21-stripe-paid");
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t"));
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'succeeded' AND provider = 'stripe'"));
        Assert.Single(browser.Platform.Stripe.Intents.Values, i => i.Account == account);
    }

    [Fact]
    public async Task StripeTenant_ReturnUrlForgedAsSucceeded_OrderStaysUnpaid()
    {
        var (shop, _) = await StripeShopAsync("Forgery Hall");
        var page = await browser.PhoneAsync("zh-CN");
        await StripeJsDouble.InstallAsync(page.Context, browser.Platform.Stripe);
        await StorefrontPurchaseTests.ToCheckoutAsync(page, shop, adults: 1);
        await page.GetByLabel("姓名").FillAsync("林黛玉");
        await page.Locator("input[type=checkbox]").CheckAsync();
        await page.GetByTestId("pay").ClickAsync();
        await page.WaitForURLAsync("**/pay");
        await Assertions.Expect(page.GetByTestId("stripe-submit")).ToBeEnabledAsync();
        await browser.ScreenshotAsync(page, "22-stripe-pay-zh-CN");

        // The buyer skips paying and types Stripe's success return URL by hand.
        var orderUrl = page.Url[..^"/pay".Length];
        await page.GotoAsync(orderUrl + "?payment_intent=pi_forged&redirect_status=succeeded");

        await Assertions.Expect(page.GetByTestId("order-processing")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("confirmed").CountAsync());
        Assert.Equal(0L, await shop.CountAsync("SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'succeeded'"));
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t AND state = 'pending_payment'"));
    }

    private async Task<(Shop Shop, string Account)> StripeShopAsync(string name)
    {
        var shop = await Shop.CreateAsync(browser.Platform, name, name == "Forgery Hall" ? "zh-CN" : "en", "EUR", "Europe/Berlin");
        await shop.GaEventAsync("Night Session", priceMinor: 4000);
        var account = "acct_" + Guid.NewGuid().ToString("N")[..16];
        (await shop.Owner.PutAsJsonAsync("/api/v1/payments/stripe/account", new { connectedAccountId = account })).EnsureSuccessStatusCode();
        return (shop, account);
    }
}

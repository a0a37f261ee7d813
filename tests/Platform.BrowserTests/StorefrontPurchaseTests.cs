using Microsoft.Playwright;

namespace Platform.BrowserTests;

/// <summary>The buyer's path on a 390 px phone in Chromium: home → event → tickets → checkout → confirmation → ticket.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StorefrontPurchaseTests(BrowserFixture browser)
{
    [Fact]
    public async Task GaPurchase_TwoAdultsAndAChildWithVoucher_PaysTheQuoteOnceAndTicketsCarryTheirAudience()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Northwind Live", "en", "GBP", "Europe/London");
        var ev = await shop.GaEventAsync("Winter Warmer", priceMinor: 2500, dates: 2);
        await shop.RuleAsync(new { name = "Child 50%", kind = "audience_discount", valueType = "percentage", basisPoints = 5000, audience = "child", proof = "Under 12" });
        await shop.RuleAsync(new { name = "Booking fee", kind = "service_fee", valueType = "fixed", amount = 150, currency = "GBP", feeBasis = "per_ticket" });
        await shop.VoucherAsync("WINTER10", 1000);
        var page = await browser.PhoneAsync();

        await page.GotoAsync(shop.Root);
        // Both dates are listed, not only the first, with the price as the locale writes it.
        Assert.Equal(2, await page.GetByTestId("listings").Locator("li").CountAsync());
        Assert.Contains("from £25.00", await page.GetByTestId("listings").InnerTextAsync());
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "1-home");

        await page.GetByTestId("listings").Locator("a").First.ClickAsync();
        Assert.Equal(2, await page.GetByTestId("occurrences").Locator("li").CountAsync());
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "2-event");

        await page.GetByTestId("occurrences").GetByRole(AriaRole.Link).First.ClickAsync();
        // A mixed basket: two adults and one child, each line priced by its own audience.
        await page.GetByLabel("Adult").SelectOptionAsync("2");
        await page.GetByLabel("Child").SelectOptionAsync("1");
        await page.GetByTestId("promo").FillAsync("winter10");
        await page.GetByTestId("buyer-email").FillAsync("ada@example.com");
        await page.GetByTestId("update-price").ClickAsync();
        var quote = await page.GetByTestId("quote").InnerTextAsync();
        Assert.Contains("Child", quote);
        Assert.Contains("WINTER10", quote);
        Assert.Contains("Booking fee", quote);
        var quoted = await page.GetByTestId("total").InnerTextAsync();
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "3-tickets-and-price");

        await page.GetByTestId("continue").ClickAsync();
        await page.WaitForURLAsync("**/checkout/**");
        Assert.Equal("ada@example.com", await page.GetByLabel("Email").InputValueAsync());
        Assert.Equal(quoted, await page.GetByTestId("total").InnerTextAsync());
        await page.GetByLabel("Full name").FillAsync("Ada Lovelace");
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("I accept the terms of sale.").CheckAsync();
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "4-checkout");

        await page.GetByTestId("pay").ClickAsync();
        await page.WaitForURLAsync("**/orders/**");
        Assert.True(await page.GetByTestId("confirmed").IsVisibleAsync());
        Assert.Equal(3, await page.GetByTestId("tickets").Locator("li").CountAsync());
        Assert.Equal(quoted, await page.GetByTestId("total").InnerTextAsync());
        // The QR images are the public ticket endpoint answering with an SVG for the holder's token.
        var qr = page.GetByTestId("tickets").Locator("img.qr").First;
        await qr.ScrollIntoViewIfNeededAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "5-confirmation");

        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t AND state = 'paid' AND promo_code = 'WINTER10'"));
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'succeeded'"));
        Assert.Equal(3L, await shop.CountAsync("SELECT count(*) FROM tickets WHERE tenant_id = @t"));
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM tickets WHERE tenant_id = @t AND audience = 'child'"));
        Assert.Equal(2L, await shop.CountAsync("SELECT count(*) FROM tickets WHERE tenant_id = @t AND audience = 'adult'"));

        // The ticket page (the email's link) with its QR and PDF.
        await page.GetByTestId("tickets").GetByRole(AriaRole.Link, new() { Name = "Open ticket" }).First.ClickAsync();
        Assert.True(await page.GetByTestId("qr").IsVisibleAsync());
        var pdf = await page.APIRequest.GetAsync(await page.GetByTestId("pdf").GetAttributeAsync("href") ?? "");
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        await AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "6-ticket");
        _ = ev;
    }

    [Fact]
    public async Task DeclinedPayment_ShowsTheDecline_ThenAnotherCardPaysTheSameOrderOnce()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Decline Hall", "en", "USD", "America/New_York");
        await shop.GaEventAsync("Late Show", priceMinor: 4000);
        var page = await browser.PhoneAsync("en-US");
        await ToCheckoutAsync(page, shop, adults: 1);
        Assert.Contains("$40.00", await page.GetByTestId("total").InnerTextAsync());

        await FillBuyerAsync(page, "4000 0000 0000 0002");
        await page.GetByTestId("pay").ClickAsync();
        Assert.Contains("declined", await page.GetByTestId("problem").InnerTextAsync());
        await browser.ScreenshotAsync(page, "7-declined");
        Assert.Equal(0L, await shop.CountAsync("SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'succeeded'"));

        await page.GetByLabel("Card number").FillAsync("4242424242424242");
        await page.GetByLabel("I accept the terms of sale.").CheckAsync();
        await page.GetByTestId("pay").ClickAsync();
        await page.WaitForURLAsync("**/orders/**");
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t"));
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'succeeded'"));
    }

    [Fact]
    public async Task HoldExpiry_ShowsItEnded_AndPayingChargesNothing()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Expiry Club", "en", "GBP", "Europe/London");
        await shop.GaEventAsync("Midnight Set", priceMinor: 1500);
        var page = await browser.PhoneAsync();
        await ToCheckoutAsync(page, shop, adults: 2);
        await FillBuyerAsync(page, "4242424242424242");

        await shop.ExecuteAsync("UPDATE holds SET expires_at = now() - interval '1 second' WHERE tenant_id = @t");
        await page.GetByTestId("pay").ClickAsync();

        Assert.Contains("expired", await page.GetByTestId("checkout-ended").InnerTextAsync());
        await browser.ScreenshotAsync(page, "8-hold-expired");
        Assert.Equal(0L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t"));
        Assert.Equal(0L, await shop.CountAsync("SELECT count(*) FROM payments WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task DoubleSubmit_TwoPaysAtOnce_BothLandOnTheOneOrder_ChargedOnce()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Double Click", "en", "GBP", "Europe/London");
        await shop.GaEventAsync("Rush", priceMinor: 2000);
        var page = await browser.PhoneAsync();
        await ToCheckoutAsync(page, shop, adults: 1);

        // The same form posted twice at the same moment with the browser's cookies: what a double click or a
        // resubmitting reload sends when no script is there to stop it.
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await page.Locator("form.buyer input[name=__RequestVerificationToken]").GetAttributeAsync("value"))!,
            ["Buyer.Name"] = "Grace Hopper", ["Buyer.Email"] = "grace@example.com", ["Buyer.Card"] = "4242424242424242", ["Buyer.Terms"] = "true",
        };
        var url = page.Url + "?handler=Pay";
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
        {
            var data = page.Context.APIRequest.CreateFormData();
            foreach (var (k, v) in form)
            {
                data.Set(k, v);
            }

            return page.Context.APIRequest.PostAsync(url, new() { Form = data, MaxRedirects = 0 });
        }));

        Assert.All(responses, r => Assert.Equal(302, r.Status));
        Assert.Single(responses.Select(r => r.Headers["location"]).Distinct());
        Assert.Contains("/orders/", responses[0].Headers["location"]);
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t"));
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'succeeded'"));
    }

    internal static async Task ToCheckoutAsync(IPage page, Shop shop, int adults)
    {
        await page.GotoAsync(shop.Root);
        await page.GetByTestId("listings").Locator("a").First.ClickAsync();
        await page.GetByTestId("occurrences").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.Locator("select").First.SelectOptionAsync(adults.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("buyer-email").FillAsync("grace@example.com");
        await page.GetByTestId("continue").ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.True(page.Url.Contains("/checkout/", StringComparison.Ordinal), $"No checkout: {page.Url}\n{await page.Locator("main").InnerTextAsync()}");
    }

    internal static async Task FillBuyerAsync(IPage page, string card)
    {
        await page.GetByLabel("Full name").FillAsync("Grace Hopper");
        await page.GetByLabel("Email").FillAsync("grace@example.com");
        await page.GetByLabel("Card number").FillAsync(card);
        await page.GetByLabel("I accept the terms of sale.").CheckAsync();
    }

    /// <summary>Nothing may be wider than the phone: the page must never scroll sideways.</summary>
    internal static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= width, $"{page.Url} is {scroll}px wide on a {width}px screen");
    }
}

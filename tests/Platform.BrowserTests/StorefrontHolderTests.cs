using System.Net.Http.Json;
using Microsoft.Playwright;
using Platform.IntegrationTests.Infrastructure;
using Platform.Tickets;

namespace Platform.BrowserTests;

/// <summary>Personalised tickets in the storefront: an event that requires holder names asks for one per ticket.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StorefrontHolderTests(BrowserFixture browser)
{
    [Fact]
    public async Task RequiredHolders_CheckoutAsksForEveryName_RefusesAMissingOne_TicketsCarryTheNames()
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Named Seats Club", "en", "GBP", "Europe/London");
        var ev = await shop.GaEventAsync("Members' Night", priceMinor: 1800);
        (await shop.Owner.PutAsJsonAsync($"/api/v1/events/{ev.Id}/ticket-settings", new { transfersEnabled = true, holderNames = "required" }))
            .EnsureSuccessStatusCode();
        var page = await browser.PhoneAsync();
        await StorefrontPurchaseTests.ToCheckoutAsync(page, shop, adults: 2);

        Assert.Equal(2, await page.GetByTestId("holders").Locator("input").CountAsync());
        await StorefrontPurchaseTests.FillBuyerAsync(page, "4242424242424242");
        await page.GetByLabel("Ticket 1: holder's name").FillAsync("Grace Hopper");
        await page.GetByTestId("pay").ClickAsync();

        // One name missing: the page says so beside the names, and nothing is ordered.
        Assert.Contains("every ticket", await page.Locator("#err-holders").InnerTextAsync());
        Assert.Equal(0L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t"));
        await StorefrontPurchaseTests.AssertNoHorizontalScrollAsync(page);
        await browser.ScreenshotAsync(page, "23-holders-missing");

        await page.GetByLabel("Ticket 2: holder's name").FillAsync("Katherine Johnson");
        await page.GetByLabel("Card number").FillAsync("4242424242424242");
        await page.GetByLabel("I accept the terms of sale.").CheckAsync();
        await page.GetByTestId("pay").ClickAsync();
        await page.WaitForURLAsync("**/orders/**");
        Assert.True(await page.GetByTestId("confirmed").IsVisibleAsync());

        var orderId = Guid.Parse(page.Url.Split("/orders/")[1][..36]);
        var tickets = await (await shop.Owner.GetAsync($"/api/v1/orders/{orderId}/tickets")).ReadAsync<TicketListResponse>();
        Assert.Equal(["Grace Hopper", "Katherine Johnson"], tickets.Data.Select(t => t.Holder.Name).Order().ToList());
    }
}

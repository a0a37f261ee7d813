using System.Net.Http.Json;
using Microsoft.Playwright;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.BrowserTests;

/// <summary>
/// The staff console (issue #15) in Chromium: Blazor WebAssembly at /console signing in with authorization code +
/// PKCE through the platform's own login and consent pages, then working only through the public API. The
/// screenshots are docs/manuals/console.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_FindsAnOrderByBuyerEmail_AndRefundsOneTicketWithAReason()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20, title: "Harbour Lights");
        var order = await s.PlaceAsync(quantity: 2, email: "grace@example.com");
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        var admin = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "admin");
        var page = await browser.DesktopAsync();

        await ConsoleStaff.SignInAsync(browser, page, "/console/orders", admin, loginScreenshot: "console-1-sign-in");
        // Admin sees orders and events in the drawer; platform administration is absent.
        await Assertions.Expect(page.GetByTestId("nav-orders")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("nav-tenants").CountAsync());

        await page.Field("order-query").FillAsync("GRACE@example.com");
        await page.GetByTestId("order-search").ClickAsync();
        var row = page.GetByTestId("order-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        Assert.Equal(order.Id.ToString(), (await row.InnerTextAsync()).Trim());
        await browser.ManualScreenshotAsync(page, "console-2-order-search");

        await row.ClickAsync();
        await Assertions.Expect(page.GetByTestId("order-title")).ToContainTextAsync(order.Id.ToString());
        await Assertions.Expect(page.GetByTestId("ticket-row")).ToHaveCountAsync(2);
        // No reason: the API's problem shows beside the reason field, and nothing is refunded.
        await page.Field("refund-qty-0").FillAsync("1");
        await page.GetByTestId("refund-selected").ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToBeVisibleAsync();
        await browser.ManualScreenshotAsync(page, "console-3-refund-needs-reason");
        await Assertions.Expect(page.Locator(".mud-input-error").First).ToContainTextAsync("Give a reason (up to 500 characters).");
        Assert.Equal(0, await page.GetByTestId("payment-row").Filter(new() { HasText = "refund" }).CountAsync());

        await page.Field("refund-reason").FillAsync("Cannot attend: one seat returned");
        await page.GetByTestId("refund-selected").ClickAsync();
        await Assertions.Expect(page.GetByText("Refund recorded.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("payment-row").Filter(new() { HasText = "Cannot attend: one seat returned" })).ToHaveCountAsync(1);
        await browser.ManualScreenshotAsync(page, "console-4-refunded");

        // What the API holds now: one of the two tickets refunded, with the reason given in the console.
        var after = await (await s.Owner.GetAsync($"/api/v1/orders/{order.Id}")).ReadAsync<OrderResponse>();
        Assert.Equal(OrderState.PartiallyRefunded, after.State);
        Assert.Equal(1, after.Lines[0].RefundedQuantity);
        Assert.Equal(after.Lines[0].UnitPrice, after.RefundedAmount);
        Assert.Contains(after.Payments, p => p.Kind == "refund" && p.Reason == "Cannot attend: one seat returned");
    }

    [Fact]
    public async Task ExpiredSession_SendsThePersonThroughSignIn_AndBackToTheSameSearch()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var order = await s.PlaceAsync(quantity: 1, email: "lin@example.com");
        var seller = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "box_office");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/", seller);

        // The API no longer accepts the tokens (as after expiry or revocation): the next call answers 401 and refreshing fails.
        await page.EvaluateAsync("""
            () => sessionStorage.setItem('console.tokens', JSON.stringify({
                AccessToken: 'expired.' + btoa(JSON.stringify({ role: 'box_office', tenant_id: '00000000-0000-0000-0000-000000000001' })) + '.x',
                RefreshToken: 'revoked', ExpiresAt: '2999-01-01T00:00:00Z' }))
            """);
        await page.GotoAsync("/console/orders?q=lin%40example.com");

        await ConsoleStaff.AllowAsync(page);
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == "/console/orders?q=lin%40example.com", ConsoleStaff.Boot);
        await Assertions.Expect(page.GetByTestId("order-row")).ToHaveTextAsync(order.Id.ToString());
    }

    [Fact]
    public async Task Scanner_SeesEventsButNoEventEditing_AndNoOrders()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5, title: "Gate Drill");
        var draft = await s.Events.CreateEventAsync(title: "Draft Night");
        var scanner = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "scanner");
        var page = await browser.DesktopAsync();

        await ConsoleStaff.SignInAsync(browser, page, "/console/events", scanner);

        await Assertions.Expect(page.GetByTestId("event-title")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("events-read-only")).ToBeVisibleAsync();
        foreach (var step in new[] { "publish", "open-sales", "end" })
        {
            Assert.Equal(0, await page.GetByTestId($"event-{step}").CountAsync());
        }

        Assert.Equal(0, await page.GetByTestId("nav-orders").CountAsync());
        await browser.ManualScreenshotAsync(page, "console-5-scanner-events");
        // The API refuses a scanner's publish anyway (the console only hides the button).
        using var asScanner = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "scanner"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await asScanner.PostAsync($"/api/v1/events/{draft.Id}/publish", null)).StatusCode);
    }
}

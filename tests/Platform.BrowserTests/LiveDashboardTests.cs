using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.Holds;
using Platform.Identity;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.BrowserTests;

/// <summary>
/// The live on-sale dashboard (issue #17 item 3): figures the console polls from GET /api/v1/live (tenant and event)
/// and /api/v1/platform/live. The figures are per node (ADR 0036), so the purchase goes to the node that serves the
/// browser. The screenshots are docs/manuals/live.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveDashboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_SeesTheEmptyState_ThenAPurchaseWithinSeconds_WithTheEventsRemainingInventory()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 40, title: "Live Wire Night");
        var admin = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "admin");
        var page = await browser.DesktopAsync();
        var path = $"/console/live?event={s.Event.Id}";

        await ConsoleStaff.SignInAsync(browser, page, path, admin);
        await Assertions.Expect(page.GetByTestId("live-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("live-sold")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("nav-live")).ToBeVisibleAsync();
        await browser.ManualScreenshotAsync(page, "live-1-before-sale");

        await BuyOnBrowserNodeAsync(s, quantity: 3);
        await BuyOnBrowserNodeAsync(s, quantity: 2, payment: "tok_decline");

        // The page polls every 3 s: the sale shows within a few seconds, without a reload.
        var soon = new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 };
        await Assertions.Expect(page.GetByTestId("live-sold")).ToHaveTextAsync("3", soon);
        await Assertions.Expect(page.GetByTestId("live-order-success")).ToHaveTextAsync("100 %", soon);
        await Assertions.Expect(page.GetByTestId("live-payment-success")).ToHaveTextAsync("50 %", soon);
        await Assertions.Expect(page.GetByTestId("live-empty")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("live-error-code").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='live-chart'] svg, svg[data-testid='live-chart']").First).ToBeVisibleAsync();
        await browser.ManualScreenshotAsync(page, "live-2-on-sale");

        var phone = await browser.PhoneAsync(locale: "zh-CN");
        await ConsoleStaff.SignInAsync(browser, phone, path, admin);
        await Assertions.Expect(phone.GetByTestId("live-sold")).ToHaveTextAsync("3");
        await Assertions.Expect(phone.Locator("body")).ToContainTextAsync("剩余库存");
        foreach (var english in new[] { "Orders per second", "Payment success", "Remaining inventory", "Problem codes", "Live sales" })
        {
            Assert.DoesNotContain(english, await phone.Locator("body").InnerTextAsync());
        }

        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the dashboard scrolls sideways at phone width");
        await browser.ManualScreenshotAsync(phone, "live-zh-3-phone");
    }

    [Fact]
    public async Task PlatformAdmin_SeesThePlatformWideFigures()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10, title: "Platform Watch");
        var email = await fixture.CreatePlatformAdminAsync("ops");

        await BuyOnBrowserNodeAsync(s, quantity: 1);
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/live", email);

        // Platform-wide: no tenant scope to choose, and at least the purchase above in the last minute.
        Assert.Equal(0, await page.GetByTestId("live-scope").CountAsync());
        await Assertions.Expect(page.GetByTestId("live-order-success")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(page.GetByTestId("live-cpu")).ToContainTextAsync("%");
        await browser.ManualScreenshotAsync(page, "live-4-platform");
    }

    /// <summary>Hold, order and pay through the storefront API of the node the browser talks to (live figures are per node).</summary>
    private async Task BuyOnBrowserNodeAsync(CheckoutScenario s, int quantity, string payment = "tok_visa")
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        var hold = await (await http.PostAsJsonAsync($"{s.Prefix}/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = "live@example.com",
            lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity } },
        })).ReadAsync<HoldResponse>();
        var order = await (await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name = "Live Buyer", email = "live@example.com" } }),
            Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken } },
        })).ReadAsync<OrderResponse>();
        await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders/{order.Id}/payments")
        {
            Content = JsonContent.Create(new { paymentToken = payment }),
            Headers = { { OrderTokens.Header, order.OrderToken } },
        });
    }
}

using System.Net.Http.Json;
using Microsoft.Playwright;
using Platform.Events;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.BrowserTests;

/// <summary>
/// Ticket types in the event editor (issue #15's last gaps): renamed inline, removed with a confirmation while
/// nothing was sold or held, and otherwise the API's 409 in the person's language with the way out (take it off
/// sale). Screenshots are docs/manuals/events.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleTicketTypeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_RenamesAndRemovesAnUnsoldType_IsToldToTakeAHeldTypeOffSale_InEnglishAndChinese()
    {
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var shop = await Shop.CreateAsync(browser.Platform, "Quay Theatre", "en", "EUR", "Europe/Berlin");
        var admin = await ConsoleStaff.InviteAsync(browser.Platform, shop.Tenant.Id, shop.Tenant.Slug, "admin");
        var ev = await shop.GaEventAsync("Quay Revue", priceMinor: 3000);
        (await shop.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/ticket-types", new
        {
            name = "Balcony", kind = "general_admission", quotaId = ev.Quotas[0].Id, price = new { amount = 2000, currency = "EUR" },
        })).EnsureSuccessStatusCode();
        // A buyer holds a ticket of the first type: from now on it cannot be removed.
        var sold = ev.TicketTypes[0];
        (await browser.Platform.CreateClient().PostAsJsonAsync($"/api/v1/public/tenants/{shop.Tenant.Slug}/holds", new
        {
            eventId = ev.Id, occurrenceId = ev.Occurrences[0].Id, buyerEmail = "early@example.com",
            lines = new[] { new { ticketTypeId = sold.Id, quantity = 1 } },
        })).EnsureSuccessStatusCode();

        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, $"/console/events/{ev.Id}", admin);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Ticket types" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("type-row")).ToHaveCountAsync(2);

        // Rename inline.
        var balcony = page.GetByTestId("type-row").Filter(new() { HasText = "Balcony" });
        await balcony.GetByTestId("type-edit").ClickAsync();
        await page.Field("type-edit-name").FillAsync("Upper circle");
        await page.GetByTestId("type-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("type-name").Filter(new() { HasText = "Upper circle" })).ToHaveCountAsync(1);

        // Remove the unsold type: asked first, then gone.
        var upper = page.GetByTestId("type-row").Filter(new() { HasText = "Upper circle" });
        await upper.GetByTestId("type-remove").ClickAsync();
        await browser.ManualScreenshotAsync(page, "events-5-remove-type-confirm");
        await upper.GetByTestId("type-remove-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("type-row")).ToHaveCountAsync(1);

        // The held type: refused, and told what to do instead.
        var first = page.GetByTestId("type-row").First;
        await first.GetByTestId("type-remove").ClickAsync();
        await first.GetByTestId("type-remove-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("Take it off sale instead");
        await Assertions.Expect(page.GetByTestId("problem")).ToHaveAttributeAsync("data-code", "ticket_type_in_use");
        await browser.ManualScreenshotAsync(page, "events-6-remove-type-in-use");

        // The same refusal in Chinese.
        var zh = await browser.PhoneAsync(locale: "zh-CN");
        zh.SetDefaultTimeout(30_000);
        await ConsoleStaff.SignInAsync(browser, zh, $"/console/events/{ev.Id}", admin);
        await zh.GetByRole(AriaRole.Tab, new() { Name = "票种" }).DispatchEventAsync("click");
        var zhRow = zh.GetByTestId("type-row").First;
        await zhRow.GetByTestId("type-remove").ClickAsync();
        await zhRow.GetByTestId("type-remove-confirm").ClickAsync();
        await Assertions.Expect(zh.GetByTestId("problem")).ToHaveTextAsync("此票种已有售出或保留的票，不能删除。请改为停售（点该行的“停售”）：已售的票仍然有效。");
        await browser.ManualScreenshotAsync(zh, "events-zh-3-remove-type-in-use");

        // The way out: off sale on every channel; the storefront no longer offers it, its hold stays.
        await first.GetByTestId("type-take-off-sale").ClickAsync();
        await Assertions.Expect(page.GetByTestId("type-off-sale")).ToBeVisibleAsync();
        var after = await (await shop.Owner.GetAsync($"/api/v1/events/{ev.Id}")).ReadAsync<EventResponse>();
        Assert.Empty(Assert.Single(after.TicketTypes).Channels);
    }
}

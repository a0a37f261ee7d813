using System.Net.Http.Json;
using Microsoft.Playwright;
using Platform.Holds;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.BrowserTests;

/// <summary>
/// The post-event report in the console (issue #17 item 5): an admin opens it from the reports list, sees the sale's
/// figures, is told in their language when a note is empty, adds one and downloads the PDF; an analyst reads it in
/// Chinese on a phone without the note form; a box-office clerk has no such page. The purchases go through the node
/// that serves the browser, whose report flushes its own outcome counts first. Screenshots: docs/operations/post-event-report.md.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PostEventReportTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_ReadsTheFigures_AddsANote_DownloadsThePdf_AnalystReadsInChinese_BoxOfficeHasNoPage()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 40, title: "Harbour Lights");
        var paid = await BuyOnBrowserNodeAsync(s, quantity: 3);
        await BuyOnBrowserNodeAsync(s, quantity: 2, payment: "tok_decline");
        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{paid.Id}/refunds", new
        {
            lines = new[] { new { lineId = paid.Lines[0].Id, quantity = 1 } }, reason = "Illness",
        })).EnsureSuccessStatusCode();

        var admin = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "admin");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/reports/events", admin);
        await Assertions.Expect(page.GetByTestId("report-event-title")).ToHaveTextAsync("Harbour Lights");
        await page.GetByTestId("open-report").ClickAsync();

        await Assertions.Expect(page.GetByTestId("report-orders-placed")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("report-orders-paid")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("report-tickets")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("report-order-success")).ToHaveTextAsync("50 %");
        await Assertions.Expect(page.GetByTestId("report-payment-success")).ToHaveTextAsync("50 %");
        await Assertions.Expect(page.GetByTestId("report-error-code")).ToContainTextAsync("card_declined");
        await Assertions.Expect(page.GetByTestId("report-refund")).ToContainTextAsync("Illness");
        await Assertions.Expect(page.GetByTestId("report-no-notes")).ToBeVisibleAsync();

        // An empty note: the API's 422 beside the field, in the person's words.
        await page.GetByTestId("add-note").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-input-control", new() { Has = NoteField(page) }).Locator(".mud-input-helper-text.mud-input-error").First)
            .ToContainTextAsync("Write the note first.");
        await NoteField(page).FillAsync("Doors opened 10 minutes late; the card terminal at gate 2 needed a restart.");
        await page.GetByTestId("add-note").ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-note")).ToContainTextAsync("Doors opened 10 minutes late");
        await Assertions.Expect(page.GetByTestId("report-chart")).ToBeVisibleAsync();
        // A short sale (one paid order, one failed): the axis ends at the largest bar, not at MudBlazor's default 20.
        await Assertions.Expect(page.GetByTestId("report-chart")).ToHaveAttributeAsync("data-axis-max", "1");
        await browser.ManualScreenshotAsync(page, "postevent-report-en");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-pdf").ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var file = await download.PathAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(file))[..4]));

        // An analyst on a phone, in Chinese: the figures and notes, no note form.
        var analyst = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "analyst");
        var phone = await browser.PhoneAsync(locale: "zh-CN");
        var path = $"/console/reports/events/{s.Event.Id}";
        await ConsoleStaff.SignInAsync(browser, phone, path, analyst);
        await Assertions.Expect(phone.GetByTestId("report-title")).ToHaveTextAsync("票务系统运行报告");
        await Assertions.Expect(phone.GetByTestId("report-orders-placed")).ToHaveTextAsync("2");
        await Assertions.Expect(phone.GetByTestId("report-note")).ToContainTextAsync("Doors opened");
        Assert.Equal(0, await phone.GetByTestId("add-note").CountAsync());
        var body = await phone.Locator("body").InnerTextAsync();
        foreach (var english in new[] { "Event operations report", "Orders placed", "Problem codes", "Refunds by reason", "Operator notes", "Download PDF", "Waiting room" })
        {
            Assert.DoesNotContain(english, body);
        }

        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the report scrolls sideways at phone width");
        await browser.ManualScreenshotAsync(phone, "postevent-report-zh-phone");

        // A box-office clerk: no menu entry, and the page says no (the API answers 403 as well: integration tests).
        var clerk = await ConsoleStaff.InviteAsync(fixture, s.Events.Tenant.Id, s.Events.Tenant.Slug, "box_office");
        var clerkPage = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, clerkPage, path, clerk);
        await Assertions.Expect(clerkPage.GetByTestId("not-allowed")).ToBeVisibleAsync();
        Assert.Equal(0, await clerkPage.GetByTestId("nav-event-reports").CountAsync());
    }

    private static ILocator NoteField(IPage page) => page.Locator("textarea[data-testid='note-text'], [data-testid='note-text'] textarea").First;

    /// <summary>Hold, order and pay through the storefront API of the node the browser talks to (its report flushes its own counts).</summary>
    private async Task<OrderResponse> BuyOnBrowserNodeAsync(CheckoutScenario s, int quantity, string payment = "tok_visa")
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        var hold = await (await http.PostAsJsonAsync($"{s.Prefix}/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = "report@example.com",
            lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity } },
        })).ReadAsync<HoldResponse>();
        var order = await (await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name = "Report Buyer", email = "report@example.com" } }),
            Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken } },
        })).ReadAsync<OrderResponse>();
        await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders/{order.Id}/payments")
        {
            Content = JsonContent.Create(new { paymentToken = payment }),
            Headers = { { OrderTokens.Header, order.OrderToken } },
        });
        return order;
    }
}

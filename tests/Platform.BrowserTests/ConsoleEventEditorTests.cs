using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Pricing.Quotes;

namespace Platform.BrowserTests;

/// <summary>
/// The console's event editor (issue #15 item 3): an admin builds an event with two ticket types, a child discount and
/// a voucher, watches the API's quote change in the preview, opens sales and the storefront sells at that price; a
/// concurrent edit overwrites nothing; the API's field errors show beside their fields in Chinese; read-only roles
/// get no inputs. Screenshots are docs/manuals/events.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleEventEditorTests(BrowserFixture browser)
{
    /// <summary>English labels of the editor's pages; none may show in the Chinese console.</summary>
    private static readonly string[] EnglishLeftovers =
    [
        "Basics", "Dates", "Ticket types", "Sales windows", "Pricing", "Pricing rules", "Vouchers", "Price preview", "Voucher code",
        "Ticket type", "Adult", "Child", "Senior", "Student", "Total", "Subtotal", "Save", "Code", "Publish", "Cancel event", "Create voucher",
    ];

    [Fact]
    public async Task Admin_BuildsAnEvent_PricesItInThePreview_OpensSales_AndTheStorefrontSellsAtThatPrice()
    {
        var (shop, admin) = await TenantWithAsync("Harbour Hall", "en", "EUR", "admin");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/events/new", admin);

        // Basics and the first date, typed in the event's zone (the tenant's, Europe/Berlin).
        var day = DateTime.UtcNow.Date.AddDays(30);
        await page.Field("new-title").FillAsync("Harbour Jazz");
        await page.Field("new-starts").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T19:30");
        await page.GetByTestId("new-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("editor-title")).ToHaveTextAsync("Harbour Jazz");
        var eventId = Guid.Parse(new Uri(page.Url).Segments[^1]);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Dates" }).ClickAsync();
        // 19:30 in Berlin, whatever the browser's own zone: shown as typed.
        await Assertions.Expect(page.GetByTestId("occurrence-starts")).ToContainTextAsync("19:30");

        // A quota and two ticket types.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Ticket types" }).ClickAsync();
        await page.Field("quota-name").FillAsync("Floor");
        await page.GetByTestId("quota-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("quota-row")).ToHaveCountAsync(1);
        await page.Field("type-new-name").FillAsync("Standard");
        await page.Field("type-new-price").FillAsync("40");
        await page.GetByTestId("type-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("type-row")).ToHaveCountAsync(1);
        await page.Field("type-new-name").FillAsync("Balcony");
        await page.Field("type-new-price").FillAsync("25");
        await page.GetByTestId("type-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("type-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("type-price").First).ToContainTextAsync("40.00");
        await browser.ManualScreenshotAsync(page, "events-1-ticket-types");

        // A child discount (the form's default kind and audience) and a voucher; a bad code is refused beside its field.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Pricing" }).ClickAsync();
        await page.Field("rule-name-input").FillAsync("Child 50%");
        await page.Field("rule-value").FillAsync("50");
        await page.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rule-name")).ToHaveTextAsync("Child 50%");
        await page.Field("voucher-code-input").FillAsync("x!");
        await page.Field("voucher-value").FillAsync("10");
        await page.GetByTestId("voucher-create").ClickAsync();
        await Assertions.Expect(page.FieldError("voucher-code-input")).ToContainTextAsync("3–40 letters");
        await page.Field("voucher-code-input").FillAsync("JAZZ10");
        await page.Field("voucher-value").FillAsync("10");
        await page.GetByTestId("voucher-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("voucher-code")).ToHaveTextAsync("JAZZ10");

        // The preview: one adult, then a child beside it, then the voucher, each total the API's own.
        var standard = (await EventAsync(shop, eventId)).TicketTypes.Single(t => t.Name == "Standard").Id;
        await page.Field("qp-qty-0-adult").FillAsync("1");
        await Assertions.Expect(page.GetByTestId("qp-total")).ToHaveTextAsync(await ApiTotalAsync(shop, eventId, standard, child: 0, promo: null));
        await page.Field("qp-qty-0-child").FillAsync("1");
        var withChild = await ApiTotalAsync(shop, eventId, standard, child: 1, promo: null);
        await Assertions.Expect(page.GetByTestId("qp-total")).ToHaveTextAsync(withChild);
        Assert.Equal("60.00 EUR", withChild);
        await Assertions.Expect(page.GetByTestId("qp-adjustment")).ToContainTextAsync(["Child 50%"]);
        await page.Field("qp-voucher").FillAsync("JAZZ10");
        var withVoucher = await ApiTotalAsync(shop, eventId, standard, child: 1, promo: "JAZZ10");
        await Assertions.Expect(page.GetByTestId("qp-total")).ToHaveTextAsync(withVoucher);
        Assert.NotEqual(withChild, withVoucher);
        await browser.ManualScreenshotAsync(page, "events-2-pricing-preview");

        // Someone else renames the event meanwhile: saving the basics shows their version and overwrites nothing.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Basics" }).ClickAsync();
        await Assertions.Expect(page.Field("basics-title")).ToHaveValueAsync("Harbour Jazz");
        (await shop.Owner.PatchAsJsonAsync($"/api/v1/events/{eventId}", new { title = "Harbour Jazz Night" })).EnsureSuccessStatusCode();
        await page.Field("basics-title").FillAsync("Jazz at the Harbour");
        await page.GetByTestId("basics-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("conflict-their-title")).ToHaveTextAsync("Harbour Jazz Night");
        Assert.Equal("Harbour Jazz Night", (await EventAsync(shop, eventId)).Title);
        await browser.ManualScreenshotAsync(page, "events-3-conflict");
        await page.GetByTestId("conflict-take-theirs").ClickAsync();
        await Assertions.Expect(page.Field("basics-title")).ToHaveValueAsync("Harbour Jazz Night");

        // Publish and open sales.
        await page.GetByTestId("editor-publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("editor-status")).ToHaveTextAsync("Published");
        await page.GetByTestId("editor-open-sales").ClickAsync();
        await Assertions.Expect(page.GetByTestId("editor-status")).ToHaveTextAsync("On sale");
        await browser.ManualScreenshotAsync(page, "events-4-on-sale");

        // The storefront sells the same basket at the preview's price, and the order is paid at it.
        var buyer = await browser.DesktopAsync();
        await buyer.GotoAsync(shop.Root);
        await buyer.GetByTestId("listings").Locator("a").First.ClickAsync();
        await buyer.GetByTestId("occurrences").GetByRole(AriaRole.Link).First.ClickAsync();
        await buyer.GetByTestId("qty-Standard-Adult").SelectOptionAsync("1");
        await buyer.GetByTestId("qty-Standard-Child").SelectOptionAsync("1");
        await buyer.GetByTestId("promo").FillAsync("JAZZ10");
        await buyer.GetByTestId("buyer-email").FillAsync("ella@example.com");
        await buyer.GetByTestId("update-price").ClickAsync();
        var figure = withVoucher.Split(' ')[0];
        Assert.Contains(figure, await buyer.GetByTestId("total").InnerTextAsync());
        await buyer.GetByTestId("continue").ClickAsync();
        await buyer.WaitForURLAsync("**/checkout/**");
        await buyer.GetByLabel("Full name").FillAsync("Ella Fitzgerald");
        await buyer.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await buyer.GetByLabel("I accept the terms of sale.").CheckAsync();
        await buyer.GetByTestId("pay").ClickAsync();
        await buyer.WaitForURLAsync("**/orders/**");
        Assert.Contains(figure, await buyer.GetByTestId("total").InnerTextAsync());
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM orders WHERE tenant_id = @t AND state = 'paid' AND promo_code = 'JAZZ10'"));

        // The voucher's use shows in the console.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Pricing" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("voucher-used")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task ChineseAdmin_OnAPhone_SeesTheApiFieldErrorBesideItsField_InChinese_WithoutSidewaysScrolling()
    {
        var (shop, admin) = await TenantWithAsync("Gangwan Theatre", "zh-CN", "CNY", "admin");
        var ev = await shop.GaEventAsync("港湾爵士夜", priceMinor: 18000);
        var page = await browser.PhoneAsync(locale: "zh-CN");
        await ConsoleStaff.SignInAsync(browser, page, $"/console/events/{ev.Id}", admin);

        await Assertions.Expect(page.GetByTestId("editor-title")).ToHaveTextAsync("港湾爵士夜");
        await page.GetByRole(AriaRole.Tab, new() { Name = "定价" }).ClickAsync();
        await page.Field("voucher-code-input").FillAsync("x!");
        await page.Field("voucher-value").FillAsync("10");
        await page.GetByTestId("voucher-create").ClickAsync();
        await Assertions.Expect(page.FieldError("voucher-code-input")).ToHaveTextAsync("代码须为 3–40 个字母、数字、“-”或“_”。");
        await page.Field("qp-qty-0-adult").FillAsync("2");
        await Assertions.Expect(page.GetByTestId("qp-total")).ToContainTextAsync("360.00");
        await AssertChineseAndNarrowAsync(page);
        await browser.ManualScreenshotAsync(page, "events-zh-1-pricing-phone");

        // At 390 px the tab bar scrolls (MudTabs' arrows); the tab may sit behind them, so the click is dispatched to it.
        await page.GetByRole(AriaRole.Tab, new() { Name = "票种" }).DispatchEventAsync("click");
        await Assertions.Expect(page.GetByTestId("type-row")).ToHaveCountAsync(1);
        await AssertChineseAndNarrowAsync(page);
        await browser.ManualScreenshotAsync(page, "events-zh-2-ticket-types-phone");
    }

    [Fact]
    public async Task Finance_SeesTheEditorReadOnly_AndTheApiRefusesItsWrites()
    {
        var (shop, finance) = await TenantWithAsync("Quay Club", "en", "EUR", "finance");
        var ev = await shop.GaEventAsync("Quay Sessions", priceMinor: 2000);
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, $"/console/events/{ev.Id}", finance);

        await Assertions.Expect(page.GetByTestId("editor-read-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("editor-end")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("basics-save")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Pricing" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("quote-preview")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rule-save")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("voucher-create")).ToHaveCountAsync(0);
        await page.GotoAsync("/console/events");
        await Assertions.Expect(page.GetByTestId("event-title")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("event-new")).ToHaveCountAsync(0);

        // The API refuses the same writes for this role, whatever a client offers.
        using var api = browser.Platform.CreateClient(TestCaller.TenantMember(shop.Tenant.Id, "finance"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await api.PatchAsJsonAsync($"/api/v1/events/{ev.Id}", new { title = "x" })).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await api.PostAsJsonAsync("/api/v1/vouchers", new { code = "FIN10", valueType = "percentage", basisPoints = 1000 })).StatusCode);
    }

    private async Task<(Shop Shop, string Person)> TenantWithAsync(string name, string locale, string currency, string role)
    {
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var shop = await Shop.CreateAsync(browser.Platform, name, locale, currency, locale == "zh-CN" ? "Asia/Shanghai" : "Europe/Berlin");
        return (shop, await ConsoleStaff.InviteAsync(browser.Platform, shop.Tenant.Id, shop.Tenant.Slug, role));
    }

    private static async Task<EventResponse> EventAsync(Shop shop, Guid id) =>
        await (await shop.Owner.GetAsync($"/api/v1/events/{id}")).ReadAsync<EventResponse>();

    /// <summary>The API's total for one adult (and <paramref name="child"/> children) of a ticket type, as the console writes it in en-GB.</summary>
    private static async Task<string> ApiTotalAsync(Shop shop, Guid eventId, Guid typeId, int child, string? promo)
    {
        var lines = new List<object> { new { ticketTypeId = typeId, audience = "adult", quantity = 1 } };
        if (child > 0)
        {
            lines.Add(new { ticketTypeId = typeId, audience = "child", quantity = child });
        }

        var quote = await (await shop.Owner.PostAsJsonAsync($"/api/v1/events/{eventId}/quote", new { lines, promoCode = promo, channel = "web" })).ReadAsync<QuoteResponse>();
        return (quote.Total / 100m).ToString("N2", CultureInfo.GetCultureInfo("en-GB")) + " " + quote.Currency;
    }

    private static async Task AssertChineseAndNarrowAsync(IPage page)
    {
        var text = await page.Locator("main, .mud-main-content").First.InnerTextAsync();
        foreach (var word in EnglishLeftovers)
        {
            Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b", RegexOptions.IgnoreCase), $"English \"{word}\" on {page.Url}:\n{text}");
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page scrolls sideways at {widths[1]} px: {widths[0]} px wide.");
    }
}

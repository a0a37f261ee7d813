using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Reports;

namespace Platform.BrowserTests;

/// <summary>
/// Reports, analytics and finance in the console (issue #15 finance pages, issue #18 items 1–3), over the scripted sale
/// of <see cref="SalesReportTests"/>: web orders of 62.50 and 22.50 EUR (sandbox), a box-office cash sale of 50.00 EUR,
/// and 12.50 EUR refunded. Screenshots are docs/manuals/finance.md's and analyst.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleFinanceTests(BrowserFixture browser)
{
    /// <summary>English labels of the finance page; none may show in the Chinese console.</summary>
    private static readonly string[] EnglishLeftovers =
    [
        "Finance", "Daily close", "Reconciliation", "Journal", "Payment method", "Payments", "Taken", "Refunds", "Refunded", "Fees", "Net", "Total",
        "From", "To", "Cash", "Sandbox", "Day",
    ];

    [Fact]
    public async Task Finance_SeesTheDaysClose_DownloadsABalancedJournal_ChangesAnAccount_NextExportUsesIt()
    {
        var sale = await SaleAsync();
        var finance = await ConsoleStaff.InviteAsync(browser.Platform, sale.S.Events.Tenant.Id, sale.S.Events.Tenant.Slug, "finance");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/finance", finance);

        // The day's close: 50.00 cash + 85.00 sandbox taken, 12.50 refunded, 122.50 net.
        await Assertions.Expect(page.GetByTestId("fin-close-taken")).ToHaveTextAsync("135.00 EUR");
        await Assertions.Expect(page.GetByTestId("fin-close-refunded")).ToHaveTextAsync("12.50 EUR");
        await Assertions.Expect(page.GetByTestId("fin-close-net")).ToHaveTextAsync("122.50 EUR");
        await Assertions.Expect(page.GetByTestId("fin-close-row").Filter(new() { HasText = "Cash" })).ToContainTextAsync("50.00 EUR");
        await Assertions.Expect(page.GetByTestId("nav-reports")).ToBeVisibleAsync();
        await browser.ManualScreenshotAsync(page, "finance-1-daily-close");

        // The box-office seller's day: 50.00 cash expected in the drawer, not counted yet.
        await page.Locator(".mud-tab", new() { HasText = "Box-office sellers" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("fin-seller-expected")).ToHaveTextAsync("50.00 EUR");
        await browser.ManualScreenshotAsync(page, "finance-2-sellers");

        // Reconciliation: every payment matches its order.
        await page.Locator(".mud-tab", new() { HasText = "Reconciliation" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("fin-rec-clean")).ToBeVisibleAsync();
        await browser.ManualScreenshotAsync(page, "finance-3-reconciliation");

        // The journal as XLSX, read back with MiniExcel: debits equal credits, tickets on the default revenue account 8400.
        await page.Locator(".mud-tab", new() { HasText = "Journal export" }).ClickAsync();
        var before = await JournalAsync(page);
        Assert.Equal(147.5m, before.Sum(r => r.Debit)); // 135.00 taken + 12.50 refunded
        Assert.Equal(before.Sum(r => r.Debit), before.Sum(r => r.Credit));
        Assert.Equal(135m, before.Where(r => r.Account == "8400").Sum(r => r.Credit));

        // Ticket revenue moves to 4000; the next export posts there.
        await page.Field("coa-ticket_revenue").FillAsync("4000");
        await page.GetByTestId("coa-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Accounts saved")).ToBeVisibleAsync();
        await browser.ManualScreenshotAsync(page, "finance-4-journal-accounts");
        var after = await JournalAsync(page);
        Assert.Equal(135m, after.Where(r => r.Account == "4000").Sum(r => r.Credit));
        Assert.DoesNotContain(after, r => r.Account == "8400");
        Assert.Equal(after.Sum(r => r.Debit), after.Sum(r => r.Credit));

        // An account the API refuses (over 40 characters) shows its words beside the field, and nothing is saved.
        await page.Field("coa-refunds").FillAsync(new string('9', 41));
        await page.GetByTestId("coa-save").ClickAsync();
        await Assertions.Expect(page.FieldError("coa-refunds")).ToHaveTextAsync("An account is 1 to 40 characters.");
    }

    [Fact]
    public async Task Analyst_SeesTheSalesReportAndAnalytics_NoFinance_BoxOfficeSeesNeither()
    {
        var sale = await SaleAsync();
        var tenant = sale.S.Events.Tenant;
        var analyst = await ConsoleStaff.InviteAsync(browser.Platform, tenant.Id, tenant.Slug, "analyst");
        var page = await browser.DesktopAsync();
        // Two buyers look at the event page in the storefront: the funnel's first step.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(200, (await page.GotoAsync($"/t/{tenant.Slug}/events/{sale.S.Event.Id}"))!.Status);
        }

        await ConsoleStaff.SignInAsync(browser, page, "/console/reports", analyst);

        // By event: 3 orders, 6 tickets, 1 refunded; 135.00 gross, 12.50 refunded, 122.50 net.
        var row = page.GetByTestId("rp-sales-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Spring Concert");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("3");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("6");
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("135.00 EUR");
        await Assertions.Expect(page.GetByTestId("rp-sales-net")).ToHaveTextAsync("122.50 EUR");
        await Assertions.Expect(page.GetByTestId("nav-finance")).ToHaveCountAsync(0);
        await browser.ManualScreenshotAsync(page, "analyst-1-sales-by-event");

        // By channel: web 72.50 net, box office 50.00.
        await page.GetByTestId("rp-group").Locator(".mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new Regex(@"^\s*Channel\s*$") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("rp-sales-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("rp-sales-row").Filter(new() { HasText = "Web" }).GetByTestId("rp-sales-net")).ToHaveTextAsync("72.50 EUR");
        await Assertions.Expect(page.GetByTestId("rp-sales-row").Filter(new() { HasText = "Box office" }).GetByTestId("rp-sales-net")).ToHaveTextAsync("50.00 EUR");

        // The CSV download is the API's export of what is shown.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("rp-sales-export-csv").ClickAsync());
        Assert.StartsWith("sales-by-channel-", download.SuggestedFilename, StringComparison.Ordinal);
        using (var reader = new StreamReader(await download.CreateReadStreamAsync()))
        {
            var csv = await reader.ReadToEndAsync();
            Assert.Contains("web,web,EUR,2,4,1,85,12.5,72.5", csv, StringComparison.Ordinal);
        }

        await page.Locator(".mud-tab", new() { HasText = "Refunds by reason" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("rp-refund-row")).ToContainTextAsync("Illness");

        // Analytics: the funnel from the page views (2 in the browser; the scripted sale bought by API) over 4 chosen,
        // 4 ordered, 3 paid, and the heat map's one busy hour.
        await page.GetByTestId("nav-analytics").ClickAsync();
        await Assertions.Expect(page.GetByTestId("an-funnel-value")).ToHaveTextAsync(["2", "4", "4", "3"]);
        Assert.Equal(3, (await page.GetByTestId("an-heat-cell").EvaluateAllAsync<int[]>("cells => cells.map(c => +c.dataset.orders)")).Sum());
        await Assertions.Expect(page.GetByTestId("an-refund-row")).ToContainTextAsync("Illness");
        await browser.ManualScreenshotAsync(page, "analyst-2-analytics");

        // Finance is not the analyst's: the page says so, and the API refuses.
        await page.GotoAsync("/console/finance");
        await Assertions.Expect(page.GetByTestId("fin-not-allowed")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        var api = browser.Platform.CreateClient(TestCaller.TenantMember(tenant.Id, "analyst"));
        await (await api.GetAsync("/api/v1/finance/daily-close")).ProblemAsync(HttpStatusCode.Forbidden);

        // A box-office seller sees neither in the menu, the pages say not allowed, and the API refuses both.
        var seller = await ConsoleStaff.InviteAsync(browser.Platform, tenant.Id, tenant.Slug, "box_office");
        var sellerPage = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, sellerPage, "/console/reports", seller);
        await Assertions.Expect(sellerPage.GetByTestId("rp-not-allowed")).ToBeVisibleAsync();
        await Assertions.Expect(sellerPage.GetByTestId("nav-box-office")).ToBeVisibleAsync();
        await Assertions.Expect(sellerPage.GetByTestId("nav-reports")).ToHaveCountAsync(0);
        await Assertions.Expect(sellerPage.GetByTestId("nav-analytics")).ToHaveCountAsync(0);
        await Assertions.Expect(sellerPage.GetByTestId("nav-finance")).ToHaveCountAsync(0);
        var clerk = browser.Platform.CreateClient(TestCaller.TenantMember(tenant.Id, "box_office"));
        await (await clerk.GetAsync("/api/v1/reports/sales")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await clerk.GetAsync("/api/v1/reports/analytics/heat-map")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await clerk.GetAsync("/api/v1/finance/daily-close")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ChineseFinance_OnAPhone_DailyCloseInChinese_WithoutSidewaysScrolling()
    {
        var sale = await SaleAsync();
        var finance = await ConsoleStaff.InviteAsync(browser.Platform, sale.S.Events.Tenant.Id, sale.S.Events.Tenant.Slug, "finance");
        var page = await browser.PhoneAsync(locale: "zh-CN");
        // The first load fetches the WebAssembly runtime: on a loaded machine that outlasts the phone page's 15 s default.
        page.SetDefaultNavigationTimeout(ConsoleStaff.Boot.Timeout!.Value);
        await ConsoleStaff.SignInAsync(browser, page, "/console/finance", finance);

        await Assertions.Expect(page.GetByTestId("fin-close-net")).ToHaveTextAsync("122.50 EUR");
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "日结", Exact = true })).ToBeVisibleAsync();
        var text = await page.Locator("main, .mud-main-content").First.InnerTextAsync();
        foreach (var word in EnglishLeftovers)
        {
            Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b"), $"English \"{word}\" on {page.Url}:\n{text}");
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page scrolls sideways at {widths[1]} px: {widths[0]} px wide.");
        await browser.ManualScreenshotAsync(page, "finance-zh-1-daily-close-phone");
    }

    private async Task<SalesReportTests.Sale> SaleAsync()
    {
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        return await SalesReportTests.ScriptedSaleAsync(browser.Platform);
    }

    private sealed record JournalRow(string Account, decimal Debit, decimal Credit);

    /// <summary>Clicks the journal's XLSX button and reads the downloaded file back.</summary>
    private static async Task<List<JournalRow>> JournalAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("fin-journal-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        await using var file = new MemoryStream();
        await (await download.CreateReadStreamAsync()).CopyToAsync(file);
        file.Position = 0;
        return [.. file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => new JournalRow(
            Convert.ToString(r["account"], CultureInfo.InvariantCulture)!,
            Convert.ToDecimal(r["debit"], CultureInfo.InvariantCulture), Convert.ToDecimal(r["credit"], CultureInfo.InvariantCulture)))];
    }
}

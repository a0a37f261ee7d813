using System.Globalization;
using Microsoft.Playwright;
using Platform.IntegrationTests.Import;

namespace Platform.BrowserTests;

/// <summary>
/// The legacy import in the console (issue #18 item 4; ADR 0057): an admin uploads a small CSV, the dry run shows the
/// row whose old ticket type is not mapped as rejected with its reason in words, the import runs to the end with live
/// progress and the rejects file downloads; the same page in Chinese on a phone; a box-office clerk has no such page.
/// Screenshots: docs/manuals/import.md.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleImportTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_UploadsDryRunsImports_DownloadsRejects_ChineseOnPhone_BoxOfficeHasNoPage()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await ImportScenario.CreateAsync(fixture);
        var csv = Path.Combine(Path.GetTempPath(), $"legacy-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(csv, ImportScenario.Csv([
            ImportScenario.Row("B-1", "OLD-B-1"),
            ImportScenario.Row("B-2", "OLD-B-2", email: "li@example.com", name: "Li Wei", type: "Balkon"),
        ]));

        var admin = await ConsoleStaff.InviteAsync(fixture, s.TenantId, s.Events.Tenant.Slug, "admin");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/import", admin);
        await Assertions.Expect(page.GetByTestId("nav-import")).ToBeVisibleAsync();
        // The saved mapping has loaded before the file goes up (the scenario maps "Stehplatz").
        await Assertions.Expect(page.Field("import-col-order_ref")).ToBeVisibleAsync();
        await page.Locator("#import-file").SetInputFilesAsync(csv);
        await Assertions.Expect(page.GetByTestId("import-job-summary")).ToContainTextAsync("2 rows");

        await page.GetByTestId("import-dry-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-row-created")).ToContainTextAsync("B-1");
        await Assertions.Expect(page.GetByTestId("import-row-rejected")).ToContainTextAsync("Old ticket type not mapped");
        await browser.ManualScreenshotAsync(page, "import-dry-run-en");

        await page.GetByTestId("import-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-state")).ToHaveTextAsync("Import finished", new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByTestId("import-counts")).ToContainTextAsync("created 1");
        await Assertions.Expect(page.GetByTestId("import-counts")).ToContainTextAsync("rejected 1");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("import-rejects").ClickAsync());
        var rejects = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("OLD-B-2", rejects);
        Assert.Contains("unmapped_ticket_type", rejects);
        await browser.ManualScreenshotAsync(page, "import-done-en");

        // In Chinese on a phone: the latest import is shown finished, no English left, no sideways scrolling.
        var phone = await browser.PhoneAsync(locale: "zh-CN");
        await ConsoleStaff.SignInAsync(browser, phone, "/console/import", admin);
        await Assertions.Expect(phone.GetByTestId("import-state")).ToHaveTextAsync("导入完成");
        var body = await phone.Locator("body").InnerTextAsync();
        foreach (var english in new[] { "Import from a legacy system", "Upload the export", "Map the columns", "Dry run", "Start import", "Download rejected" })
        {
            Assert.DoesNotContain(english, body);
        }

        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the import page scrolls sideways at phone width");
        await browser.ManualScreenshotAsync(phone, "import-zh-phone");

        // A box-office clerk: no menu entry, and the page says no (the API's 403 is covered by Import.ImportTests).
        var clerk = await ConsoleStaff.InviteAsync(fixture, s.TenantId, s.Events.Tenant.Slug, "box_office");
        var clerkPage = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, clerkPage, "/console/import", clerk);
        await Assertions.Expect(clerkPage.GetByTestId("import-not-allowed")).ToBeVisibleAsync();
        Assert.Equal(0, await clerkPage.GetByTestId("nav-import").CountAsync());
        Assert.Equal(0, await clerkPage.GetByTestId("import-upload").CountAsync());
    }

    [Fact]
    public async Task Admin_PagesThroughADryRunOfThirtyRows_SecondPageShowsItsRowNumbers_RejectedOnly_AndInChineseOnAPhone()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await ImportScenario.CreateAsync(fixture);
        // 30 orders on file rows 2–31 (row 1 is the header); every tenth has an old ticket type that is not mapped.
        var csv = Path.Combine(Path.GetTempPath(), $"legacy-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(csv, ImportScenario.Csv(Enumerable.Range(1, 30).Select(i =>
            ImportScenario.Row($"P-{i}", $"OLD-P-{i}", type: i % 10 == 0 ? "Balkon" : "Stehplatz"))));

        var admin = await ConsoleStaff.InviteAsync(fixture, s.TenantId, s.Events.Tenant.Slug, "admin");
        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/import", admin);
        await Assertions.Expect(page.Field("import-col-order_ref")).ToBeVisibleAsync();
        await page.Locator("#import-file").SetInputFilesAsync(csv);
        await Assertions.Expect(page.GetByTestId("import-job-summary")).ToContainTextAsync("30 rows");

        // The whole file (the sample is 100), 25 rows a page: page 1 is file rows 2–26, page 2 rows 27–31.
        await page.GetByTestId("import-dry-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-dry-range")).ToHaveTextAsync("Rows 1–30 of 30");
        await page.GetByTestId("import-dry-page-size-25").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-dry-range")).ToHaveTextAsync("Rows 1–25 of 30");
        Assert.Equal(Numbers(2, 25), await RowNumbersAsync(page));
        await Assertions.Expect(page.GetByTestId("import-dry-previous")).ToBeDisabledAsync();

        await page.GetByTestId("import-dry-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-dry-range")).ToHaveTextAsync("Rows 26–30 of 30");
        Assert.Equal(Numbers(27, 5), await RowNumbersAsync(page));
        await Assertions.Expect(page.GetByTestId("import-dry-next")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByTestId("import-row-rejected")).ToHaveCountAsync(1);
        await browser.ManualScreenshotAsync(page, "import-dry-run-page-2-en");

        await page.GetByTestId("import-dry-previous").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-dry-range")).ToHaveTextAsync("Rows 1–25 of 30");
        Assert.Equal(Numbers(2, 25), await RowNumbersAsync(page));

        // Only the rejected rows, whichever page they were on; the totals stay the whole sample's.
        await page.GetByTestId("import-dry-outcome-rejected").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-dry-range")).ToHaveTextAsync("Rows 1–3 of 3");
        Assert.Equal(new[] { 11, 21, 31 }, await RowNumbersAsync(page));
        await Assertions.Expect(page.GetByTestId("import-dry-summary")).ToContainTextAsync("Rejected: 3");
        await Assertions.Expect(page.GetByTestId("import-dry-summary")).ToContainTextAsync("Created: 27");

        // In Chinese on a phone: the same second page, in Chinese, without sideways scrolling.
        var phone = await browser.PhoneAsync(locale: "zh-CN");
        await ConsoleStaff.SignInAsync(browser, phone, "/console/import", admin);
        await Assertions.Expect(phone.GetByTestId("import-job-summary")).ToBeVisibleAsync();
        await phone.GetByTestId("import-dry-run").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("import-dry-range")).ToHaveTextAsync("第 1–30 行，共 30 行");
        await phone.GetByTestId("import-dry-page-size-25").ClickAsync();
        await phone.GetByTestId("import-dry-next").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("import-dry-range")).ToHaveTextAsync("第 26–30 行，共 30 行");
        Assert.Equal(Numbers(27, 5), await RowNumbersAsync(phone));
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the import page scrolls sideways at phone width");
        await browser.ManualScreenshotAsync(phone, "import-dry-run-page-2-zh-phone");
    }

    private static int[] Numbers(int first, int count) => [.. Enumerable.Range(first, count)];

    /// <summary>The file row numbers of the verdicts the table shows (its first column).</summary>
    private static async Task<int[]> RowNumbersAsync(IPage page) =>
        [.. (await page.Locator("[data-testid='import-dry-rows'] tbody tr td:first-child").AllInnerTextsAsync())
            .Select(t => int.Parse(t.Trim(), CultureInfo.InvariantCulture))];
}

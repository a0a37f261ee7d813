using Microsoft.Playwright;
using Platform.IntegrationTests.CheckIn;
using Platform.IntegrationTests.Import;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.BrowserTests;

/// <summary>
/// An imported ticket's old code at a gate that lost the network (issue #18 item 4, ADR 0057): the phone admits it
/// once from the offline package's hashed codes, and the queued scans reconcile on upload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScannerLegacyCodeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Scanner_Offline_AdmitsImportedOldCodeOnce_AndTheUploadAgrees()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var s = await ImportScenario.CreateAsync(fixture, title: "Legacy Gate Night");
        var job = await s.ImportAsync((await s.UploadAsync(ImportScenario.Csv([ImportScenario.Row("LG-1", "OLD-GATE-77", eventName: "Legacy Gate Night")]))).Id);
        Assert.Equal(1, job.Created);
        var scanner = await ConsoleStaff.InviteAsync(fixture, s.TenantId, s.Events.Tenant.Slug, "scanner");
        using var api = fixture.CreateClient(TestCaller.TenantMember(s.TenantId, "scanner"));

        var page = await browser.PhoneAsync("en-GB");
        page.SetDefaultTimeout(30_000);
        await ConsoleStaff.SignInAsync(browser, page, "/console/scan", scanner);
        await page.Field("scan-gate").FillAsync("East 3");
        await Assertions.Expect(page.GetByTestId("scan-package")).ToContainTextAsync("1 ticket");
        await page.Context.SetOfflineAsync(true);

        await ScanAsync(page, "OLD-GATE-77");
        await Assertions.Expect(page.GetByTestId("scan-result")).ToHaveAttributeAsync("data-result", "admitted");
        await Assertions.Expect(page.GetByTestId("scan-result-offline")).ToBeVisibleAsync();
        await ScanAsync(page, "OLD-GATE-77");
        await Assertions.Expect(page.GetByTestId("scan-result")).ToHaveAttributeAsync("data-result", "already_used");
        await ScanAsync(page, "OLD-GATE-78");
        await Assertions.Expect(page.GetByTestId("scan-result")).ToHaveAttributeAsync("data-result", "invalid");
        Assert.Equal(0, (await api.CountsAsync(s.Event.Id)).Admitted);

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByTestId("sync-row")).ToHaveCountAsync(3);
        Assert.Equal(["admitted", "already_used", "invalid"],
            await page.GetByTestId("sync-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.result)"));
        Assert.Equal(1, (await api.CountsAsync(s.Event.Id)).Admitted);
    }

    private static async Task ScanAsync(IPage page, string code)
    {
        await page.Field("scan-code").FillAsync(code);
        await page.GetByTestId("scan-check").ClickAsync();
        await Assertions.Expect(page.Field("scan-code")).ToHaveValueAsync("");
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.Identity;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.BrowserTests;

/// <summary>
/// Platform administration (issue #15 item 7): a platform admin creates a tenant in the console, sees the API's
/// refusal beside the field it names, and changes the tenant's plan; the API holds what the page shows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleTenantAdminTests(BrowserFixture browser)
{
    [Fact]
    public async Task PlatformAdmin_CreatesATenant_SeesTheSlugRefusedBesideItsField_ThenChangesItsPlan()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var operatorEmail = await fixture.CreatePlatformAdminAsync();

        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/platform/tenants", operatorEmail);
        await page.GetByTestId("tenant-new").ClickAsync();
        await page.Field("tenant-name").FillAsync("Lakeside Arena");
        await page.Field("tenant-slug").FillAsync("Lakeside Arena!");
        await page.GetByTestId("tenant-create-submit").ClickAsync();
        await Assertions.Expect(page.FieldError("tenant-slug")).Not.ToBeEmptyAsync();
        await browser.ManualScreenshotAsync(page, "platform-admin-3-tenant-create");

        var slug = $"lakeside-{Guid.NewGuid():N}"[..20];
        await page.Field("tenant-slug").FillAsync(slug);
        await page.GetByTestId("tenant-create-submit").ClickAsync();
        var row = page.Locator("tr", new() { HasText = slug });
        await Assertions.Expect(row).ToContainTextAsync("Lakeside Arena");
        await Assertions.Expect(row.GetByTestId("tenant-plan-menu")).ToContainTextAsync("Standard");

        await row.GetByTestId("tenant-plan-menu").ClickAsync();
        await page.GetByTestId("plan-enterprise").ClickAsync();
        await Assertions.Expect(row.GetByTestId("tenant-plan-menu")).ToContainTextAsync("Enterprise");

        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);
        var tenants = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/tenants?q={slug}");
        var created = tenants.GetProperty("data").EnumerateArray().Single();
        Assert.Equal("Lakeside Arena", created.GetProperty("displayName").GetString());
        Assert.Equal("enterprise", created.GetProperty("plan").GetString());
    }
}

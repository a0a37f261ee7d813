using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tenancy;

[Collection(PlatformCollection.Name)]
public sealed class StorefrontPageTests(PlatformFixture fixture)
{
    [Fact]
    public async Task StorefrontPage_ShowsBrandingAndListedEventsOnly_AndIsRefusedWhenSuspended()
    {
        var scenario = await EventScenario.CreateAsync(fixture);
        await scenario.PublishedGaEventAsync(title: "Listed Gala");
        await scenario.CreateEventAsync(title: "Secret Draft");
        using var anonymous = fixture.CreateClient();

        var page = await anonymous.GetAsync($"/t/{scenario.Tenant.Slug}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(scenario.Tenant.DisplayName, html, StringComparison.Ordinal);
        Assert.Contains("Listed Gala", html, StringComparison.Ordinal);
        Assert.Contains("€25.00", html, StringComparison.Ordinal);
        // Brand colours reach the page through its stylesheet (no inline styles, for a strict CSP).
        var theme = await anonymous.GetStringAsync($"/t/{scenario.Tenant.Slug}/theme.css");
        Assert.Contains(scenario.Tenant.Branding.PrimaryColor, theme, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret Draft", html, StringComparison.Ordinal);

        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);
        (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{scenario.Tenant.Id}/suspend", new { reason = "Fraud review" })).EnsureSuccessStatusCode();
        var refused = await anonymous.GetAsync($"/t/{scenario.Tenant.Slug}");
        Assert.Equal("tenant_suspended", (await refused.ProblemAsync(HttpStatusCode.Forbidden)).Code());
    }

    [Fact]
    public async Task StorefrontPage_UnknownTenant_Returns404()
    {
        using var anonymous = fixture.CreateClient();
        await (await anonymous.GetAsync("/t/no-such-tenant-anywhere")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StorefrontPage_UnknownTenantAskedByABrowser_IsAnHtml404()
    {
        using var browser = fixture.CreateClient();
        browser.DefaultRequestHeaders.Add("Accept", "text/html,application/xhtml+xml");
        var page = await browser.GetAsync($"/t/no-such-tenant-anywhere/events/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-such-tenant-anywhere", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Landing_IsAnHtmlPageForAnonymousVisitors_NotA401()
    {
        using var anonymous = fixture.CreateClient();
        var page = await anonymous.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/swagger\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/login\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorefrontPage_ListsEveryUpcomingOccurrence_NotOnlyTheFirst()
    {
        var scenario = await EventScenario.CreateAsync(fixture);
        var ev = await scenario.PublishedGaEventAsync(title: "Touring Show");
        var second = new DateTimeOffset(2030, 6, 1, 19, 0, 0, TimeSpan.Zero);
        (await scenario.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/occurrences", new
        {
            doorsAt = second.AddHours(-1), startsAt = second, endsAt = second.AddHours(3),
        })).EnsureSuccessStatusCode();
        using var anonymous = fixture.CreateClient();

        var html = await anonymous.GetStringAsync($"/t/{scenario.Tenant.Slug}");

        Assert.Equal(2, html.Split("Touring Show").Length - 1);
        Assert.Contains("1 Jun 2030", html, StringComparison.Ordinal);
    }
}

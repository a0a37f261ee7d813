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
        Assert.Contains(scenario.Tenant.Branding.PrimaryColor, html, StringComparison.Ordinal);
        Assert.Contains("Listed Gala", html, StringComparison.Ordinal);
        Assert.Contains("25.00 EUR", html, StringComparison.Ordinal);
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
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.BackgroundJobs;

/// <summary>Hangfire's dashboard is a platform admin's page: signed in with the account pages' cookie, nobody else.</summary>
[Collection(PlatformCollection.Name)]
public sealed class JobsDashboardTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Dashboard_PlatformAdminsCookieOnly_TenantOwnerAndAnonymousRefused()
    {
        using (var anonymous = Browser(fixture.Factory))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);
        }

        var owner = await fixture.SignUpConfirmedAsync();
        using (var ownerBrowser = Browser(fixture.Factory))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostLoginAsync(ownerBrowser, owner.Email, owner.Password)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await ownerBrowser.GetAsync("/hangfire")).StatusCode);
        }

        var operatorEmail = await fixture.CreatePlatformAdminAsync("jobs");

        using var admin = Browser(fixture.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await PostLoginAsync(admin, operatorEmail, Password)).StatusCode);
        var dashboard = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Background jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire/jobs/failed")).StatusCode);
    }
}

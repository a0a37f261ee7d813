using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Platform.Authorization;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.RateLimiting;

/// <summary>
/// Over HTTP on the shared host, whose limits are raised for every plan but "free" (1/min, burst 3): these tests
/// put their own tenants on the free plan through the platform admin API.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RateLimitTests(PlatformFixture fixture)
{
    private const string Path = "/api/v1/webhooks/endpoints";

    private async Task<Guid> TenantOnPlanAsync(string plan)
    {
        var tenant = await fixture.CreateTenantAsync("rl");
        using var platformAdmin = fixture.CreateClient(TestCaller.PlatformAdmin);
        var patch = await platformAdmin.PatchAsJsonAsync($"/api/v1/admin/tenants/{tenant.Id}", new { plan });
        Assert.True(patch.IsSuccessStatusCode, await patch.Content.ReadAsStringAsync());
        return tenant.Id;
    }

    private static async Task<List<HttpResponseMessage>> BurstAsync(HttpClient client, int count)
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            responses.Add(await client.GetAsync(Path));
        }

        return responses;
    }

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task ApiClient_OverItsPlanBurst_429ProblemWithRetryAfterAndRateLimitHeaders()
    {
        var tenantId = await TenantOnPlanAsync("free");
        using var client = fixture.CreateClient(TestCaller.ApiClient(tenantId, PlatformScopes.WebhooksManage));

        var responses = await BurstAsync(client, 5);

        Assert.All(responses.Take(3), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses.Take(3), r => Assert.Equal(3, Header(r, "RateLimit-Limit")));
        Assert.Equal(2, Header(responses[0], "RateLimit-Remaining"));
        Assert.True(Header(responses[0], "RateLimit-Reset") > 0);
        var rejected = responses[4];
        var problem = await rejected.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.Code());
        Assert.True(Header(rejected, "Retry-After") >= 1);
        Assert.Equal(3, Header(rejected, "RateLimit-Limit"));
        Assert.Equal(0, Header(rejected, "RateLimit-Remaining"));
        Assert.True(Header(rejected, "RateLimit-Reset") >= 1);
    }

    [Fact]
    public async Task Partitions_OtherClientAndUserOfSameTenant_HaveTheirOwnBuckets()
    {
        var tenantId = await TenantOnPlanAsync("free");
        using var first = fixture.CreateClient(TestCaller.ApiClient(tenantId, PlatformScopes.WebhooksManage));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await BurstAsync(first, 5))[4].StatusCode);

        using var second = fixture.CreateClient(TestCaller.ApiClient(tenantId, PlatformScopes.WebhooksManage));
        using var user = fixture.CreateClient(TestCaller.TenantMember(tenantId, PlatformRoles.Admin));

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(Path)).StatusCode);
    }

    [Fact]
    public async Task Limit_ComesFromTenantPlan()
    {
        var enterprise = await TenantOnPlanAsync("enterprise");
        using var client = fixture.CreateClient(TestCaller.ApiClient(enterprise, PlatformScopes.WebhooksManage));

        var response = await client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200_000, Header(response, "RateLimit-Limit"));
    }

    [Fact]
    public async Task AnonymousCall_UsesPerIpAnonymousBucket()
    {
        using var anonymous = fixture.CreateClient();

        var response = await anonymous.GetAsync("/api/v1/public/tenants/no-such-tenant-rl");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(100_000, Header(response, "RateLimit-Limit"));
    }
}

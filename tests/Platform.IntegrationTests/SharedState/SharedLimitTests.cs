using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Authorization;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.RateLimiting;

namespace Platform.IntegrationTests.SharedState;

/// <summary>
/// Limits across nodes (ADR 0061, 0070): two in-process nodes on one database with one redis-server — or, without Redis,
/// with the PostgreSQL limit store — share every bucket and the checkout admission count; nodes without a shared store,
/// or with a Redis that is down, count on their own. The base
/// settings put the "free" plan at burst 3, 1/min, so a burst is never refilled within a test.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SharedLimitTests(PlatformFixture fixture)
{
    private const string Path = "/api/v1/webhooks/endpoints";

    [Theory]
    [InlineData(Store.Redis)]
    [InlineData(Store.Postgres)]
    public async Task FreePlanClient_EightCallsAlternatingOverTwoSharingNodes_ExactlyTheBurstOfThreePasses(Store store)
    {
        var caller = await FreePlanClientAsync();
        var nodes = Nodes(store);
        using var a = Client(nodes[0], caller);
        using var b = Client(nodes[1], caller);

        var responses = await AlternateAsync(a, b, 8);

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Skip(3), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        // One bucket: node B's first answer already counts node A's call.
        Assert.Equal([2, 1, 0], responses.Take(3).Select(r => Header(r, "RateLimit-Remaining")));
        var problem = await responses[3].ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.Code());
        Assert.True(Header(responses[3], "Retry-After") >= 1);
    }

    [Fact]
    public async Task FreePlanClient_EightCallsAlternatingOverTwoNodesWithoutRedis_EachNodeGivesItsOwnBurst()
    {
        var caller = await FreePlanClientAsync();
        using var a = Client(fixture.Factory, caller);
        using var b = Client(fixture.SecondNode, caller);

        var responses = await AlternateAsync(a, b, 8);

        // The documented fallback: node-local buckets, so N nodes give N× the burst.
        Assert.Equal(6, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
    }

    [Fact]
    public async Task RedisDown_CallsAreLimitedOnTheNodeAndHoldsAdmitted_NeverAServerError()
    {
        var caller = await FreePlanClientAsync();
        using var client = Client(fixture.DeadRedisNode, caller);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await client.GetAsync(Path));
        }

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            responses.Select(r => r.StatusCode));
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        using var buyer = fixture.DeadRedisNode.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await s.HoldGaAsync(1, "down@example.com", buyer)).StatusCode);
    }

    [Theory]
    [InlineData(Store.Redis)]
    [InlineData(Store.Postgres)]
    public async Task CheckoutAdmission_ClusterFullOnNodeA_NewHoldOnNodeBRefusedUntilASlotIsFree(Store store)
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var nodes = Nodes(store);
        using var buyerOnB = nodes[1].CreateClient();
        var admissionOnA = nodes[0].Services.GetRequiredService<ClusterAdmission>();
        // Node A working on as many checkout requests as the whole cluster may (taken the way its middleware takes them).
        var leases = new List<string>();
        for (var i = 0; i < PlatformFixture.RedisClusterMaxInFlight; i++)
        {
            leases.Add(Assert.IsType<string>(await admissionOnA.EnterAsync(entry: true)));
        }

        try
        {
            Assert.All(leases, l => Assert.NotEqual("", l));
            var refused = await s.HoldGaAsync(1, "refused@example.com", buyerOnB);
            Assert.Equal("checkout_busy", (await refused.ProblemAsync(HttpStatusCode.TooManyRequests)).Code());
            Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
            // An order step is never refused, only counted (ADR 0017): it takes a lease even over the cap.
            var orderLease = await admissionOnA.EnterAsync(entry: false);
            Assert.False(string.IsNullOrEmpty(orderLease));
            await admissionOnA.LeaveAsync(orderLease!);

            await admissionOnA.LeaveAsync(leases[0]);
            leases.RemoveAt(0);
            Assert.Equal(HttpStatusCode.Created, (await s.HoldGaAsync(1, "admitted@example.com", buyerOnB)).StatusCode);
        }
        finally
        {
            foreach (var lease in leases)
            {
                await admissionOnA.LeaveAsync(lease);
            }
        }

        Assert.Equal(1, (await s.CounterAsync()).Held);
    }

    /// <summary>The shared store two nodes count their limits in: Redis (ADR 0061) or, without Redis, PostgreSQL (ADR 0070).</summary>
    public enum Store
    {
        Redis,
        Postgres,
    }

    private IReadOnlyList<WebApplicationFactory<Program>> Nodes(Store store) =>
        store == Store.Redis ? fixture.RedisNodes : fixture.PostgresLimitNodes;

    private async Task<TestCaller> FreePlanClientAsync()
    {
        var tenant = await fixture.CreateTenantAsync("shared");
        using var platformAdmin = fixture.CreateClient(TestCaller.PlatformAdmin);
        var patch = await platformAdmin.PatchAsJsonAsync($"/api/v1/admin/tenants/{tenant.Id}", new { plan = "free" });
        Assert.True(patch.IsSuccessStatusCode, await patch.Content.ReadAsStringAsync());
        return TestCaller.ApiClient(tenant.Id, PlatformScopes.WebhooksManage);
    }

    private static HttpClient Client(WebApplicationFactory<Program> node, TestCaller caller)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, caller.Encode());
        return client;
    }

    private static async Task<List<HttpResponseMessage>> AlternateAsync(HttpClient a, HttpClient b, int count)
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            responses.Add(await (i % 2 == 0 ? a : b).GetAsync(Path));
        }

        return responses;
    }

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);
}

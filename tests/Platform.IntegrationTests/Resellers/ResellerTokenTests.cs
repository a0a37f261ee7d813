using System.Net;
using Platform.Holds;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.Resellers;
using Platform.Sales;

namespace Platform.IntegrationTests.Resellers;

/// <summary>The reseller rules with real client-credentials access tokens from the token endpoint (not test claims).</summary>
[Collection(PlatformCollection.Name)]
public sealed class ResellerTokenTests(PlatformFixture fixture)
{
    [Fact]
    public async Task CreateHold_RealClientCredentialsToken_ResellerChannelWithinAllocationAndOwnHoldsOnly()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var registered = await s.RegisterAsync("Agency with token");
        var (otherId, other) = await s.ClientAsync("Other agency");
        var allocation = await s.AllocationAsync(registered.Client.ClientId, 2);
        await s.AllocationAsync(otherId, 2);
        var token = await IdentityTestKit.ClientCredentialsAsync(fixture.Factory, registered.Client.ClientId, registered.ClientSecret);
        using var reseller = IdentityTestKit.Bearer(fixture.Factory, token.AccessToken!);

        var hold = await (await s.HoldAsync(reseller, 2)).ReadAsync<HoldResponse>();

        Assert.Equal(SalesChannel.Reseller, hold.Channel);
        Assert.Equal(2, (await s.GetAllocationAsync(allocation.Id)).Held);
        Assert.Equal("allocation_exceeded", (await (await s.HoldAsync(reseller, 1)).ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(HttpStatusCode.OK, (await reseller.GetAsync($"/api/v1/holds/{hold.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/holds/{hold.Id}")).StatusCode);
        var report = await (await reseller.GetAsync("/api/v1/resellers/me/report")).ReadAsync<ResellerReport>();
        Assert.Equal((registered.Client.ClientId, 2), (report.ClientId, report.Allocations.Single().Held));
    }
}

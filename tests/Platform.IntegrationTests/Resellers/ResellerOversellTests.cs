using System.Net;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Resellers;

/// <summary>
/// An allocation is a cap, not carved-out stock (ADR 0014): a reseller's hold must pass the event's quota counter too.
/// The only earlier test of that was a race whose outcome depends on ordering, so dropping the quota check on the
/// reseller path went unseen (issue #23, mutation 2). These sell publicly first, then let the reseller ask.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ResellerOversellTests(PlatformFixture fixture)
{
    [Fact]
    public async Task CreateHold_ResellerAfterPublicSoldOut_409SoldOutAndAllocationUntouched()
    {
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 4);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 4);
        (await s.Checkout.PayAsync(await s.Checkout.PlaceAsync(2, "a@example.com"))).EnsureSuccessStatusCode();
        (await s.Checkout.PayAsync(await s.Checkout.PlaceAsync(2, "b@example.com"))).EnsureSuccessStatusCode();
        var settled = await s.Checkout.SettledCounterAsync();

        var refused = await s.HoldAsync(reseller, 1);

        Assert.Equal((0, 4, 0), (settled.Held, settled.Sold, settled.Available));
        Assert.Equal("sold_out", (await refused.ProblemAsync(HttpStatusCode.Conflict)).Code());
        var after = await s.GetAllocationAsync(allocation.Id);
        Assert.Equal((0, 0, 4), (after.Held, after.Sold, after.Remaining));
        var counter = await s.Checkout.CounterAsync();
        Assert.Equal((0, 4, 0), (counter.Held, counter.Sold, counter.Available));
    }

    [Fact]
    public async Task CreateHold_AllocationLargerThanWhatIsLeft_RefusedBeyondTheQuota()
    {
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 10);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 6);
        (await s.Checkout.PayAsync(await s.Checkout.PlaceAsync(4, "a@example.com"))).EnsureSuccessStatusCode();
        (await s.Checkout.PayAsync(await s.Checkout.PlaceAsync(3, "b@example.com"))).EnsureSuccessStatusCode();
        await s.Checkout.SettledCounterAsync();

        // 3 left in the quota, 6 in the allocation: the quota decides.
        var tooMany = await s.HoldAsync(reseller, 4);
        var rest = await s.HoldAsync(reseller, 3);
        var oneMore = await s.HoldAsync(reseller, 1);

        Assert.Equal("sold_out", (await tooMany.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        Assert.Equal("sold_out", (await oneMore.ProblemAsync(HttpStatusCode.Conflict)).Code());
        var after = await s.GetAllocationAsync(allocation.Id);
        Assert.Equal((3, 0, 3), (after.Held, after.Sold, after.Remaining));
        var counter = await s.Checkout.CounterAsync();
        Assert.Equal((3, 7, 0), (counter.Held, counter.Sold, counter.Available));
    }
}

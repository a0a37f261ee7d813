using System.Net;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Resellers;

[Collection(PlatformCollection.Name)]
public sealed class ResellerConcurrencyTests(PlatformFixture fixture)
{
    [Fact]
    public async Task CreateHold_60ParallelResellerHoldsAgainstAllocationOf25_Exactly25HeldAndDatabaseAgrees()
    {
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 100);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 25);

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => s.HoldAsync(reseller, 1)));

        Assert.Equal(25, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(35, refused.Count);
        foreach (var r in refused)
        {
            Assert.Equal("allocation_exceeded", (await r.ProblemAsync(HttpStatusCode.Conflict)).Code());
        }

        var after = await s.GetAllocationAsync(allocation.Id);
        Assert.Equal((25, 0, 0), (after.Held, after.Sold, after.Remaining));
        Assert.Equal(25, (await s.Checkout.CounterAsync()).Held);
        Assert.Equal(25L, await s.Checkout.ScalarAsync<long>(
            $"SELECT coalesce(sum(i.quantity), 0) FROM hold_items i JOIN holds h ON h.tenant_id = i.tenant_id AND h.id = i.hold_id " +
            $"WHERE i.tenant_id = @t AND h.state = 'active' AND h.channel = 'reseller' AND i.allocation_id = '{allocation.Id}'"));
    }

    [Fact]
    public async Task CreateHold_ResellerAndPublicRaceForLastTickets_QuotaNeverOversold()
    {
        // The allocation is a cap, not carved-out stock: resellers and the public share the quota (ADR 0014).
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 20);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 15);

        var resellerHolds = Enumerable.Range(0, 30).Select(_ => s.HoldAsync(reseller, 1));
        var publicHolds = Enumerable.Range(0, 30).Select(i => s.Checkout.HoldGaAsync(1, $"fan{i}@example.com"));
        var responses = await Task.WhenAll(resellerHolds.Concat(publicHolds));

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var counter = await s.Checkout.CounterAsync();
        Assert.Equal((20, 0), (counter.Held, counter.Available));
        var held = (await s.GetAllocationAsync(allocation.Id)).Held;
        Assert.InRange(held, 0, 15);
        Assert.Equal((long)held, await s.Checkout.ScalarAsync<long>(
            "SELECT coalesce(sum(quantity), 0) FROM holds WHERE tenant_id = @t AND state = 'active' AND channel = 'reseller'"));
    }
}

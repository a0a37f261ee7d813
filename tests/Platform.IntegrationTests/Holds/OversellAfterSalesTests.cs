using System.Net;
using Platform.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.Holds;

/// <summary>
/// Availability is capacity − held − sold. The concurrency tests start from a quota with nothing sold, so a check that
/// forgot <c>sold</c> passed them all (issue #23, mutation 1): these sell first, wait until the paid units have
/// moved from held to sold (so <c>held</c> alone no longer covers them), and only then ask for more. Sequential, so
/// the outcome never depends on ordering.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OversellAfterSalesTests(PlatformFixture fixture)
{
    [Fact]
    public async Task CreateHold_QuotaSoldOutAndSettled_409SoldOut()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 4);
        (await s.PayAsync(await s.PlaceAsync(2, "first@example.com"))).EnsureSuccessStatusCode();
        (await s.PayAsync(await s.PlaceAsync(2, "second@example.com"))).EnsureSuccessStatusCode();
        var settled = await s.SettledCounterAsync();

        var refused = await s.HoldGaAsync(1, "late@example.com");

        Assert.Equal((0, 4, 0), (settled.Held, settled.Sold, settled.Available));
        Assert.Equal("sold_out", (await refused.ProblemAsync(HttpStatusCode.Conflict)).Code());
        var after = await s.CounterAsync();
        Assert.Equal((0, 4, 0), (after.Held, after.Sold, after.Available));
    }

    [Fact]
    public async Task CreateHold_MoreThanLeftAfterPartSold_409ThenExactlyTheRestHeld()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        (await s.PayAsync(await s.PlaceAsync(3, "a@example.com"))).EnsureSuccessStatusCode();
        (await s.PayAsync(await s.PlaceAsync(3, "b@example.com"))).EnsureSuccessStatusCode();
        var settled = await s.SettledCounterAsync();

        var tooMany = await s.HoldGaAsync(5, "c@example.com");
        var rest = await s.HoldGaAsync(4, "d@example.com");
        var oneMore = await s.HoldGaAsync(1, "e@example.com");

        Assert.Equal((0, 6, 4), (settled.Held, settled.Sold, settled.Available));
        Assert.Equal("sold_out", (await tooMany.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        Assert.Equal("sold_out", (await oneMore.ProblemAsync(HttpStatusCode.Conflict)).Code());
        var counter = await s.CounterAsync();
        Assert.Equal((4, 6, 0), (counter.Held, counter.Sold, counter.Available));
    }

    /// <summary>
    /// Seats carry their own state, so a sold seat can never be held again whatever the quota says; the quota on top of
    /// the seats is what caps how many of the still-free seats may be sold. Eight front seats, a quota of four.
    /// </summary>
    [Fact]
    public async Task CreateHold_SeatedQuotaPartSoldAndSettled_FreeSeatsBeyondQuota409()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture, quotaCapacity: 4);
        var seats = s.FrontSeats;
        var hold = await (await s.HoldSeatsAsync(seats[..2], "seats@example.com")).ReadAsync<HoldResponse>();
        var order = await (await s.OrderAsync(hold, email: "seats@example.com")).ReadAsync<OrderResponse>();
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        var settled = await s.SettledCounterAsync();

        var beyondQuota = await s.HoldSeatsAsync(seats[2..5], "more@example.com");
        var rest = await s.HoldSeatsAsync(seats[2..4], "rest@example.com");
        var afterRest = await s.HoldSeatsAsync(seats[4..5], "last@example.com");

        Assert.Equal((0, 2, 2), (settled.Held, settled.Sold, settled.Available));
        Assert.Equal("sold_out", (await beyondQuota.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        Assert.Equal("sold_out", (await afterRest.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(2L, await s.ScalarAsync<long>("SELECT count(*) FROM event_seats WHERE tenant_id = @t AND state = 'held'"));
    }

    [Fact]
    public async Task CreateHold_SeatedQuotaSoldOutWithSeatsLeft_BestAvailable409()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture, quotaCapacity: 2);
        var hold = await (await s.HoldSeatsAsync(s.FrontSeats[..2], "seats@example.com")).ReadAsync<HoldResponse>();
        var order = await (await s.OrderAsync(hold, email: "seats@example.com")).ReadAsync<OrderResponse>();
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        await s.SettledCounterAsync();

        var best = await s.HoldBestAsync(2, "best@example.com");

        Assert.Equal("sold_out", (await best.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(6L, await s.ScalarAsync<long>(
            $"SELECT count(*) FROM event_seats WHERE tenant_id = @t AND occurrence_id = '{s.OccurrenceId}' AND state = 'available' AND seat_id = ANY(ARRAY[{string.Join(',', s.FrontSeats.Select(x => $"'{x}'::uuid"))}])"));
    }
}

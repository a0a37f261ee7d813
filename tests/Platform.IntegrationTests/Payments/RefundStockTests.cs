using System.Net;
using System.Net.Http.Json;
using Platform.Holds;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.Payments;

/// <summary>Refunded tickets go back on sale in the refund's transaction: quota counters and seats.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RefundStockTests(PlatformFixture fixture)
{
    [Fact]
    public async Task RefundOrder_TwoOfThreeGaTickets_AvailabilityRisesByTwo()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync(3);
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        var before = await s.SettledCounterAsync();

        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds",
            new { reason = "two cannot come", lines = new[] { new { lineId = order.Lines[0].Id, quantity = 2 } } })).EnsureSuccessStatusCode();
        var after = await s.SettledCounterAsync();
        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { reason = "the last one too" })).EnsureSuccessStatusCode();
        var end = await s.SettledCounterAsync();

        Assert.Equal((3, 7), (before.Sold, before.Available));
        Assert.Equal((1, 9), (after.Sold, after.Available));
        Assert.Equal((0, 10), (end.Sold, end.Available));
    }

    [Fact]
    public async Task RefundOrder_TwoOfThreeSeats_LastSeatsOfTheLineHoldableAgain()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var hold = await (await s.HoldSeatsAsync(s.FrontSeats[..3], "seats@example.com")).ReadAsync<HoldResponse>();
        var order = await (await s.OrderAsync(hold, email: "seats@example.com")).ReadAsync<OrderResponse>();
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        var seats = order.Lines[0].SeatIds.ToArray();

        var refunded = await (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds",
            new { reason = "two cannot come", lines = new[] { new { lineId = order.Lines[0].Id, quantity = 2 } } })).ReadAsync<OrderResponse>();

        Assert.Equal(OrderState.PartiallyRefunded, refunded.State);
        Assert.Equal(HttpStatusCode.Conflict, (await s.HoldSeatsAsync(seats[..1], "other@example.com")).StatusCode);
        Assert.Equal("sold", await s.ScalarAsync<string>($"SELECT state FROM event_seats WHERE tenant_id = @t AND seat_id = '{seats[0]}'"));
        var again = await s.HoldSeatsAsync(seats[1..], "other@example.com");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using Platform.Holds;
using Platform.Http;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using Platform.Resellers;
using Platform.Sales;

namespace Platform.IntegrationTests.Resellers;

[Collection(PlatformCollection.Name)]
public sealed class ResellerSalesTests(PlatformFixture fixture)
{
    [Fact]
    public async Task CreateHold_ResellerWithAllocation_ResellerChannelDrawingAllocationAndQuota()
    {
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 50);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 10);

        var hold = await (await s.HoldAsync(reseller, 4)).ReadAsync<HoldResponse>();

        Assert.Equal(SalesChannel.Reseller, hold.Channel);
        var after = await s.GetAllocationAsync(allocation.Id);
        Assert.Equal((4, 0, 6), (after.Held, after.Sold, after.Remaining));
        var counter = await s.Checkout.CounterAsync();
        Assert.Equal((4, 46), (counter.Held, counter.Available));
    }

    [Fact]
    public async Task CreateHold_BeyondAllocation_409AllocationExceededAndNothingMoved()
    {
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 50);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 5);
        (await s.HoldAsync(reseller, 3)).EnsureSuccessStatusCode();

        var problem = await (await s.HoldAsync(reseller, 3)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("allocation_exceeded", problem.Code());
        Assert.Equal(3, (await s.GetAllocationAsync(allocation.Id)).Held);
        Assert.Equal(3, (await s.Checkout.CounterAsync()).Held);
    }

    [Fact]
    public async Task CreateHold_ResellerWithoutAllocationForEvent_409NoAllocation()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, reseller) = await s.ClientAsync();
        var otherEvent = await s.Checkout.Events.PublishedGaEventAsync(title: "Other");
        // Allocations need a reseller window on their event (ADR 0035).
        (await s.Owner.PutAsJsonAsync($"/api/v1/events/{otherEvent.Id}/sales-windows", new
        {
            salesWindows = new[] { new { channel = "reseller", opensAt = DateTimeOffset.UtcNow.AddDays(-1), closesAt = DateTimeOffset.UtcNow.AddDays(29) } },
        })).EnsureSuccessStatusCode();
        await s.AllocationAsync(clientId, 5, eventId: otherEvent.Id);

        // A reseller (it holds an allocation), but not for this event.
        Assert.Equal("no_allocation", (await (await s.HoldAsync(reseller, 1)).ProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task CreateHold_TicketTypeAllocationBesideEventWide_DrawsTheMostSpecific()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, reseller) = await s.ClientAsync();
        var eventWide = await s.AllocationAsync(clientId, 10);
        var typed = await s.AllocationAsync(clientId, 2, ticketTypeId: s.TicketTypeId);

        (await s.HoldAsync(reseller, 2)).EnsureSuccessStatusCode();

        Assert.Equal(2, (await s.GetAllocationAsync(typed.Id)).Held);
        Assert.Equal(0, (await s.GetAllocationAsync(eventWide.Id)).Held);
        Assert.Equal("allocation_exceeded", (await (await s.HoldAsync(reseller, 1)).ProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task CreateHold_ResellerOnAnotherChannel_422Channel()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, reseller) = await s.ClientAsync();
        await s.AllocationAsync(clientId, 5);

        var problem = await (await s.HoldAsync(reseller, 1, channel: "box_office")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["channel"], problem.ErrorFields());
    }

    [Fact]
    public async Task CreateHold_ResellerChannelByNonReseller_409NoAllocation()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (_, plainClient) = await s.ClientAsync("Integration");

        Assert.Equal("no_allocation", (await (await s.HoldAsync(plainClient, 1, channel: "reseller")).ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal("no_allocation", (await (await s.HoldAsync(s.Owner, 1, channel: "reseller")).ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(HttpStatusCode.Created, (await s.HoldAsync(plainClient, 1, channel: "web")).StatusCode);
        Assert.Equal(0L, await s.Checkout.ScalarAsync<long>("SELECT count(*) FROM holds WHERE tenant_id = @t AND channel = 'reseller'"));
    }

    [Fact]
    public async Task ReleaseHold_ResellerHold_ReturnsAllocation()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 5);
        var hold = await (await s.HoldAsync(reseller, 5)).ReadAsync<HoldResponse>();

        (await reseller.DeleteAsync($"/api/v1/holds/{hold.Id}")).EnsureSuccessStatusCode();

        Assert.Equal((0, 5), ((await s.GetAllocationAsync(allocation.Id)).Held, (await s.GetAllocationAsync(allocation.Id)).Remaining));
        Assert.Equal(0, (await s.Checkout.CounterAsync()).Held);
    }

    [Fact]
    public async Task CreateHold_AllocationFullOfExpiredHolds_ReclaimsByTime()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 4);
        var expired = await (await s.HoldAsync(reseller, 4)).ReadAsync<HoldResponse>();
        Assert.Equal("allocation_exceeded", (await (await s.HoldAsync(reseller, 1)).ProblemAsync(HttpStatusCode.Conflict)).Code());
        await s.Checkout.ExpireAsync(expired.Id);

        var fresh = await s.HoldAsync(reseller, 3);

        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal(3, (await s.GetAllocationAsync(allocation.Id)).Held);
        Assert.Equal(3, (await s.Checkout.CounterAsync()).Held);
        Assert.Equal("expired", await s.Checkout.ScalarAsync<string>($"SELECT state FROM holds WHERE id = '{expired.Id}'"));
    }

    [Fact]
    public async Task PayOrder_HoldExpiredMeanwhile_409OrderExpiredAndAllocationReturned()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 5);
        var hold = await (await s.HoldAsync(reseller, 2)).ReadAsync<HoldResponse>();
        var order = await (await s.OrderAsync(reseller, hold)).ReadAsync<OrderResponse>();
        await s.Checkout.ExpireAsync(hold.Id);

        Assert.Equal("order_expired", (await (await s.PayAsync(reseller, order)).ProblemAsync(HttpStatusCode.Conflict)).Code());

        var after = await s.GetAllocationAsync(allocation.Id);
        Assert.Equal((0, 0, 5), (after.Held, after.Sold, after.Remaining));
        Assert.Equal(0, (await s.Checkout.CounterAsync()).Held);
    }

    [Fact]
    public async Task PayOrder_ResellerOrder_MovesHeldToSoldAndReportsSalesAndCommission()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 10, commissionBps: 1000);

        var order = await s.SellAsync(reseller, 3);

        Assert.Equal((OrderState.Paid, SalesChannel.Reseller), (order.State, order.Channel));
        var after = await s.GetAllocationAsync(allocation.Id);
        Assert.Equal((0, 3, 7), (after.Held, after.Sold, after.Remaining));
        var counter = await s.Checkout.SettledCounterAsync();
        Assert.Equal((0, 3), (counter.Held, counter.Sold));
        var report = await (await s.Owner.GetAsync($"/api/v1/resellers/{clientId}/report")).ReadAsync<ResellerReport>();
        var line = Assert.Single(report.Allocations);
        Assert.Equal((10, 0, 3, 7, "EUR"), (line.Quantity, line.Held, line.Sold, line.Remaining, line.Currency));
        Assert.Equal(order.Total, line.GrossSales);
        Assert.Equal(750, line.Commission); // 10 % of 3 × 2500
        var own = await (await reseller.GetAsync("/api/v1/resellers/me/report")).ReadAsync<ResellerReport>();
        Assert.Equal(clientId, own.ClientId);
        Assert.Equal(report.Allocations, own.Allocations);
    }

    [Fact]
    public async Task RefundOrder_ResellerOrder_ReturnsSoldToAllocationAndReducesCommission()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 10, commissionBps: 1000);
        var order = await s.SellAsync(reseller, 2);

        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new
        {
            lines = new[] { new { lineId = order.Lines[0].Id, quantity = 1 } }, reason = "Customer request",
        })).EnsureSuccessStatusCode();

        Assert.Equal(1, (await s.GetAllocationAsync(allocation.Id)).Sold);
        var line = (await (await s.Owner.GetAsync($"/api/v1/resellers/{clientId}/report")).ReadAsync<ResellerReport>()).Allocations.Single();
        Assert.Equal((250L, order.Total - 2500), (line.Commission, line.GrossSales));
    }

    [Fact]
    public async Task CreateOrder_PriceBelowFloorOrAboveCeiling_409PriceOutsideAllocation()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (low, lowReseller) = await s.ClientAsync("Low");
        var (high, highReseller) = await s.ClientAsync("High");
        await s.AllocationAsync(low, 5, priceCeiling: 2000);
        await s.AllocationAsync(high, 5, priceFloor: 3000);

        foreach (var reseller in new[] { lowReseller, highReseller })
        {
            var hold = await (await s.HoldAsync(reseller, 1)).ReadAsync<HoldResponse>();
            Assert.Equal("price_outside_allocation", (await (await s.OrderAsync(reseller, hold)).ProblemAsync(HttpStatusCode.Conflict)).Code());
        }

        Assert.Equal(0L, await s.Checkout.ScalarAsync<long>("SELECT count(*) FROM orders WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task CreateOrder_PriceWithinRange_Created()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, reseller) = await s.ClientAsync();
        await s.AllocationAsync(clientId, 5, priceFloor: 2500, priceCeiling: 2500);

        var hold = await (await s.HoldAsync(reseller, 2)).ReadAsync<HoldResponse>();

        Assert.Equal(HttpStatusCode.Created, (await s.OrderAsync(reseller, hold)).StatusCode);
    }

    [Fact]
    public async Task Orders_AnotherResellersOrder_404ButStaffSeeIt()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (a, resellerA) = await s.ClientAsync("A");
        var (b, resellerB) = await s.ClientAsync("B");
        await s.AllocationAsync(a, 5);
        await s.AllocationAsync(b, 5);
        var holdA = await (await s.HoldAsync(resellerA, 1)).ReadAsync<HoldResponse>();
        var orderA = await s.SellAsync(resellerA, 1);
        var publicHold = await s.Checkout.HoldAsync(1, "fan@example.com");

        Assert.Equal(HttpStatusCode.NotFound, (await resellerB.GetAsync($"/api/v1/orders/{orderA.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resellerB.PostAsJsonAsync($"/api/v1/orders/{orderA.Id}/refunds", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resellerB.GetAsync($"/api/v1/holds/{holdA.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resellerB.DeleteAsync($"/api/v1/holds/{holdA.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resellerB.GetAsync($"/api/v1/holds/{publicHold.Id}")).StatusCode);
        await (await s.OrderAsync(resellerB, holdA)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await resellerA.GetAsync($"/api/v1/orders/{orderA.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await resellerA.GetAsync($"/api/v1/holds/{holdA.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Owner.GetAsync($"/api/v1/orders/{orderA.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Owner.GetAsync($"/api/v1/holds/{holdA.Id}")).StatusCode);
    }

    [Fact]
    public async Task ListMyOrders_TwoResellers_EachSeesOnlyItsOwnByCursor()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (a, resellerA) = await s.ClientAsync("A");
        var (b, resellerB) = await s.ClientAsync("B");
        await s.AllocationAsync(a, 10);
        await s.AllocationAsync(b, 10);
        var first = await s.SellAsync(resellerA, 1);
        var second = await s.SellAsync(resellerA, 2);
        var other = await s.SellAsync(resellerB, 1);
        await s.Checkout.PlaceAsync(1, "web@example.com");

        var page1 = await (await resellerA.GetAsync("/api/v1/resellers/me/orders?limit=1")).ReadAsync<CursorPage<ResellerOrderSummary>>();
        var page2 = await (await resellerA.GetAsync($"/api/v1/resellers/me/orders?limit=1&cursor={page1.NextCursor}"))
            .ReadAsync<CursorPage<ResellerOrderSummary>>();
        var mineB = await (await resellerB.GetAsync("/api/v1/resellers/me/orders")).ReadAsync<CursorPage<ResellerOrderSummary>>();

        Assert.Equal(first.Id, Assert.Single(page1.Data).Id);
        Assert.Equal((second.Id, OrderState.Paid), (Assert.Single(page2.Data).Id, page2.Data[0].State));
        Assert.Null(page2.NextCursor);
        Assert.Equal(other.Id, Assert.Single(mineB.Data).Id);
    }

    [Fact]
    public async Task MyEndpoints_NotAReseller_404()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (_, plainClient) = await s.ClientAsync("Integration");

        Assert.Equal(HttpStatusCode.NotFound, (await plainClient.GetAsync("/api/v1/resellers/me/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await plainClient.GetAsync("/api/v1/resellers/me/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Owner.GetAsync("/api/v1/resellers/me/report")).StatusCode);
    }

    [Fact]
    public async Task ResellerReport_UnknownOrOtherTenantsReseller_404()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var other = await ResellerScenario.CreateAsync(fixture);
        var (foreign, _) = await other.ClientAsync();
        await other.AllocationAsync(foreign, 5);
        var (plain, _) = await s.ClientAsync("Integration");

        Assert.Equal(HttpStatusCode.NotFound, (await s.Owner.GetAsync($"/api/v1/resellers/{foreign}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Owner.GetAsync($"/api/v1/resellers/{plain}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.Owner.GetAsync($"/api/v1/resellers/{foreign}/report")).StatusCode);
    }
}

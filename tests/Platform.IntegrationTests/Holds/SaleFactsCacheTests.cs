using System.Net;
using System.Net.Http.Json;
using Platform.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Holds;

/// <summary>
/// Holds and orders plan from event facts cached per node for a few seconds (ADR 0016). Stopping a sale must still
/// be exact on every node (the hold's own batch re-checks it), and changes through a node apply there at once.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SaleFactsCacheTests(PlatformFixture fixture)
{
    [Fact]
    public async Task CreateHold_SaleStoppedThroughAnotherNode_RefusedAtOnceAndNothingHeld()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.HoldAsync(1, "first@example.com"); // this node now has the event's facts cached
        using var otherNode = OtherNodeOwner(s);

        (await otherNode.PostAsync($"/api/v1/events/{s.Event.Id}/mark-sold-out", null)).EnsureSuccessStatusCode();
        var response = await s.HoldGaAsync(1, "second@example.com");

        Assert.Equal("event_not_on_sale", (await response.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(1, (await s.CounterAsync()).Held);
    }

    [Fact]
    public async Task CreateHold_WebWindowRemovedThroughAnotherNode_409SalesWindowClosed()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.HoldAsync(1, "first@example.com");
        using var otherNode = OtherNodeOwner(s);

        var start = s.Event.Occurrences[0].StartsAt;
        (await otherNode.PutAsJsonAsync($"/api/v1/events/{s.Event.Id}/sales-windows", new
        {
            salesWindows = new[] { new { channel = "box_office", opensAt = start.AddDays(-40), closesAt = start } },
        })).EnsureSuccessStatusCode();
        var response = await s.HoldGaAsync(1, "second@example.com");

        Assert.Equal("sales_window_closed", (await response.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(1, (await s.CounterAsync()).Held);
    }

    [Fact]
    public async Task PlaceOrder_PriceChangedThroughThisNode_NextOrderUsesNewPriceAtOnce()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var before = await s.PlaceAsync(quantity: 1, email: "first@example.com");

        (await s.Owner.PatchAsJsonAsync($"/api/v1/events/{s.Event.Id}/ticket-types/{s.TicketTypeId}", new { price = new { amount = 4321, currency = s.Events.Tenant.DefaultCurrency } }))
            .EnsureSuccessStatusCode();
        var after = await s.PlaceAsync(quantity: 1, email: "second@example.com");

        Assert.NotEqual(4321, before.Lines[0].UnitPrice);
        Assert.Equal(4321, after.Lines[0].UnitPrice);
    }

    private HttpClient OtherNodeOwner(CheckoutScenario s)
    {
        var client = fixture.SecondNode.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, s.Owner.DefaultRequestHeaders.GetValues(TestAuthHandler.Header).Single());
        return client;
    }
}

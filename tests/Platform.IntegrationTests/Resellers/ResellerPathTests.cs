using System.Net;
using System.Net.Http.Json;
using Platform.Http;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Resellers;

namespace Platform.IntegrationTests.Resellers;

/// <summary>The reseller path of issue #21: what a reseller can sell, allocations only where resellers sell, a declined card said so.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ResellerPathTests(PlatformFixture fixture)
{
    [Fact]
    public async Task MyEvents_ListsOnlyEventsWithAnAllocationAndAResellerWindowNotClosed()
    {
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 20);
        var (clientId, reseller) = await s.ClientAsync();
        var (_, other) = await s.ClientAsync("Other agency");
        await s.AllocationAsync(clientId, 4);
        await s.AllocationAsync(clientId, 1, ticketTypeId: s.TicketTypeId);

        var listed = await (await reseller.GetAsync("/api/v1/resellers/me/events")).ReadAsync<CursorPage<ResellerEventResponse>>();
        var notReseller = await other.GetAsync("/api/v1/resellers/me/events");
        // The reseller window closes: nothing left to sell.
        var past = DateTimeOffset.UtcNow.AddDays(-2);
        (await s.Owner.PutAsJsonAsync($"/api/v1/events/{s.EventId}/sales-windows", new
        {
            salesWindows = new[]
            {
                new { channel = "web", opensAt = past, closesAt = DateTimeOffset.UtcNow.AddDays(29) },
                new { channel = "reseller", opensAt = past, closesAt = DateTimeOffset.UtcNow.AddMinutes(-1) },
            },
        })).EnsureSuccessStatusCode();
        var closed = await (await reseller.GetAsync("/api/v1/resellers/me/events")).ReadAsync<CursorPage<ResellerEventResponse>>();

        var ev = Assert.Single(listed.Data);
        Assert.Equal((s.EventId, 2), (ev.Id, ev.Allocations.Count));
        Assert.Equal([4, 1], ev.Allocations.Select(a => a.Remaining));
        Assert.Equal("not_found", (await notReseller.ProblemAsync(HttpStatusCode.NotFound)).Code());
        Assert.Empty(closed.Data);
    }

    [Fact]
    public async Task Allocation_OnAnEventWithoutAResellerWindow_IsRefused()
    {
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 20);
        var (clientId, _) = await s.ClientAsync();
        // The event keeps its web window only.
        (await s.Owner.PutAsJsonAsync($"/api/v1/events/{s.EventId}/sales-windows", new
        {
            salesWindows = new[] { new { channel = "web", opensAt = DateTimeOffset.UtcNow.AddDays(-1), closesAt = DateTimeOffset.UtcNow.AddDays(29) } },
        })).EnsureSuccessStatusCode();

        var refused = await (await s.AllocateAsync(clientId, 2)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("no_reseller_window", refused.Code());
        Assert.Equal(["eventId"], refused.ErrorFields());
    }

    [Fact]
    public async Task DeclinedCard_ProblemTitleSaysTheCardWasDeclined()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var order = await s.PlaceAsync(1);

        var declined = await (await s.PayAsync(order, "tok_decline")).ProblemAsync(HttpStatusCode.PaymentRequired);

        Assert.Equal(("card_declined", "The payment was declined."), (declined.Code(), declined.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Quote_OnTheResellerPath_RefusesWhatTheHoldWouldRefuse()
    {
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 20);
        var (clientId, reseller) = await s.ClientAsync();
        await s.AllocationAsync(clientId, 4);
        object Basket(string channel) => new { lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity = 2 } }, channel };
        var path = $"/api/v1/events/{s.EventId}/quote";

        var allowed = await reseller.PostAsJsonAsync(path, Basket("reseller"));
        var wrongChannel = await (await reseller.PostAsJsonAsync(path, Basket("web"))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var notAReseller = await (await s.Owner.PostAsJsonAsync(path, Basket("reseller"))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(["channel"], wrongChannel.ErrorFields());
        Assert.Equal("no_allocation", notAReseller.Code());
    }

    [Fact]
    public async Task Quote_ForMoreThanTheAllocationHasLeft_IsAllocationExceeded_WithHowManyRemain_LikeTheHold()
    {
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 20);
        var (clientId, reseller) = await s.ClientAsync();
        await s.AllocationAsync(clientId, 4);
        object Basket(int quantity) => new { lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity } }, channel = "reseller" };
        var path = $"/api/v1/events/{s.EventId}/quote";

        var tooMany = await (await reseller.PostAsJsonAsync(path, Basket(5))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("allocation_exceeded", 4), (tooMany.Code(), tooMany.GetProperty("remaining").GetInt32()));

        // Three held by the reseller: a quote for two is refused with one remaining, exactly as the hold for two is.
        (await s.HoldAsync(reseller, 3, "reseller")).EnsureSuccessStatusCode();
        var quoted = await (await reseller.PostAsJsonAsync(path, Basket(2))).ProblemAsync(HttpStatusCode.Conflict);
        var held = await (await s.HoldAsync(reseller, 2, "reseller")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("allocation_exceeded", 1), (quoted.Code(), quoted.GetProperty("remaining").GetInt32()));
        Assert.Equal((held.Code(), held.GetProperty("remaining").GetInt32()), (quoted.Code(), quoted.GetProperty("remaining").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await reseller.PostAsJsonAsync(path, Basket(1))).StatusCode);
    }
}

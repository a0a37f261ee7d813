using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Holds;
using Platform.Orders;
using Platform.Tickets;
using Platform.Tickets.Transfers;

namespace Platform.IntegrationTests.Tickets;

/// <summary>
/// Personalised tickets: an event's ticket settings say whether checkout names each ticket's holder (buyer, optional,
/// required); the order carries the names and the tickets issued at payment carry them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TicketHolderTests(PlatformFixture fixture)
{
    [Fact]
    public async Task RequiredHolders_MissingOrTooFewRefused_NamedOrderIssuesTicketsInTheirNames()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await SetHolderNamesAsync(s, "required");

        var none = await OrderAsync(s, await s.HoldAsync(2), null);
        var tooFew = await OrderAsync(s, await s.HoldAsync(2), [new("Ada Lovelace", null)]);
        var blank = await OrderAsync(s, await s.HoldAsync(2), [new("Ada Lovelace", null), new("  ", null)]);
        var tooMany = await OrderAsync(s, await s.HoldAsync(1), [new("Ada Lovelace", null), new("Charles Babbage", null)]);
        var named = await OrderAsync(s, await s.HoldAsync(2), [new("Ada Lovelace", null), new("Charles Babbage", "charles@example.com")]);

        foreach (var refused in new[] { none, tooFew, blank, tooMany })
        {
            Assert.Contains("holders", (await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        }

        var order = await named.ReadAsync<OrderResponse>();
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        var tickets = await s.StaffTicketsAsync(order.Id);
        Assert.Equal([("Ada Lovelace", "buyer@example.com"), ("Charles Babbage", "charles@example.com")],
            tickets.Select(t => (t.Holder.Name, t.Holder.Email)).Order().ToList());
        // The names rest encrypted like the buyer's details, never in plain text.
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM orders WHERE tenant_id = @t AND holders_protected LIKE '%Babbage%'"));
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM orders WHERE tenant_id = @t AND holders_protected IS NOT NULL"));
    }

    [Fact]
    public async Task OptionalHolders_UnnamedTicketCarriesTheBuyer_BuyerModeRefusesHolders()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var refused = await OrderAsync(s, await s.HoldAsync(1), [new("Grace Hopper", null)]);
        Assert.Contains("holders", (await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());

        await SetHolderNamesAsync(s, "optional");
        var settings = await (await s.Owner.GetAsync($"/api/v1/events/{s.Event.Id}/ticket-settings")).ReadAsync<EventTicketSettingsResponse>();
        var order = await (await OrderAsync(s, await s.HoldAsync(2), [new("Grace Hopper", null), new(null, null)])).ReadAsync<OrderResponse>();
        (await s.PayAsync(order)).EnsureSuccessStatusCode();

        Assert.Equal(TicketHolderNames.Optional, settings.HolderNames);
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], (await s.StaffTicketsAsync(order.Id)).Select(t => t.Holder.Name).Order().ToList());
    }

    private static async Task SetHolderNamesAsync(CheckoutScenario s, string mode) =>
        (await s.Owner.PutAsJsonAsync($"/api/v1/events/{s.Event.Id}/ticket-settings", new { transfersEnabled = true, holderNames = mode }))
        .EnsureSuccessStatusCode();

    private static Task<HttpResponseMessage> OrderAsync(CheckoutScenario s, HoldResponse hold, TicketHolderRequest[]? holders) =>
        s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name = "Ada Lovelace", email = "buyer@example.com" }, holders }),
            Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken } },
        });
}

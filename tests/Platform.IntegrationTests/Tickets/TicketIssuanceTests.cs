using System.Net;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Tickets;
using Platform.Tickets.Codes;

namespace Platform.IntegrationTests.Tickets;

[Collection(PlatformCollection.Name)]
public sealed class TicketIssuanceTests(PlatformFixture fixture)
{
    [Fact]
    public async Task PayOrder_PendingThenPaid_TicketsOnlyAfterPayment()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync(3);

        var before = await s.StaffTicketsAsync(order.Id);
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        var after = await s.StaffTicketsAsync(order.Id);

        Assert.Empty(before);
        Assert.Equal(3, after.Count);
        Assert.All(after, t => Assert.Equal((TicketState.Valid, 1, order.EventId, "Ada Lovelace"), (t.State, t.CodeVersion, t.EventId, t.Holder.Name)));
        Assert.Equal(3, after.Select(t => t.Number).Distinct().Count());
        Assert.All(after, t => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", t.Number));
    }

    [Fact]
    public async Task PayOrder_DeclinedPayment_NoTickets()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync(2);

        var declined = await s.PayAsync(order, "tok_decline");

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.Empty(await s.StaffTicketsAsync(order.Id));
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM tickets WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task PayOrder_SeatedLine_OneTicketPerSeatWithItsSeat()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var seats = s.FrontSeats.Take(2).ToArray();
        var hold = await (await s.HoldSeatsAsync(seats, "seat@example.com")).ReadAsync<Platform.Holds.HoldResponse>();
        var order = await (await s.OrderAsync(hold, email: "seat@example.com")).ReadAsync<Platform.Orders.OrderResponse>();
        (await s.PayAsync(order)).EnsureSuccessStatusCode();

        var tickets = await s.StaffTicketsAsync(order.Id);

        Assert.Equal(seats.Order(), tickets.Select(t => t.Seat!.SeatId).Order());
        Assert.All(tickets, t => Assert.Equal(("Section A", "A"), (t.Seat!.Section, t.Seat.Row)));
    }

    [Fact]
    public async Task QrPayload_PublishedKey_VerifiesAndCarriesTicket()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (_, tickets) = await s.PaidOrderAsync(1);
        var ticket = tickets.Single();

        var keys = await s.KeysAsync();

        var jwk = Assert.Single(keys.Keys);
        Assert.Equal(("EC", "P-256", "ES256", "active"), (jwk.Kty, jwk.Crv, jwk.Alg, jwk.Status));
        Assert.True(TicketFlow.VerifiesWith(keys, ticket.QrPayload!));
        Assert.True(TicketCode.TryParse(ticket.QrPayload, out var claims));
        Assert.Equal((ticket.Id, ticket.EventId, 1, jwk.Kid), (claims.TicketId, claims.EventId, claims.CodeVersion, claims.KeyId));
        Assert.True(ticket.QrPayload!.Length < 200, $"Payload of {ticket.QrPayload.Length} characters.");
    }

    [Fact]
    public async Task QrPayload_TamperedOrOtherTenantsKey_FailsVerification()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var other = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var ticket = (await s.PaidOrderAsync(1)).Tickets.Single();
        var foreign = (await other.PaidOrderAsync(1)).Tickets.Single();
        var keys = await s.KeysAsync();
        var parts = ticket.QrPayload!.Split('.');
        var body = parts[1].ToCharArray();
        body[5] = body[5] == 'A' ? 'B' : 'A';

        Assert.False(TicketFlow.VerifiesWith(keys, $"{parts[0]}.{new string(body)}.{parts[2]}"));
        Assert.False(TicketFlow.VerifiesWith(keys, ticket.QrPayload[..^4]));
        Assert.False(TicketFlow.VerifiesWith(keys, foreign.QrPayload!));
    }

    [Fact]
    public async Task TicketEndpoints_OtherTenant_404()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var other = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (order, tickets) = await s.PaidOrderAsync(1);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.GetAsync($"/api/v1/orders/{order.Id}/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.GetAsync($"/api/v1/tickets/{tickets[0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Owner.GetAsync($"/api/v1/tickets/{tickets[0].Id}")).StatusCode);
        var foreignSlug = await other.Public.SendAsync(TicketFlow.WithOrderToken(HttpMethod.Get, $"{other.Prefix}/orders/{order.Id}/tickets", order));
        Assert.Equal(HttpStatusCode.NotFound, foreignSlug.StatusCode);
    }

    [Fact]
    public async Task PublicOrderTickets_OrderToken_ListsTicketsWrongToken404()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (order, tickets) = await s.PaidOrderAsync(2);

        var listed = await (await s.Public.SendAsync(TicketFlow.WithOrderToken(HttpMethod.Get, $"{s.Prefix}/orders/{order.Id}/tickets", order)))
            .ReadAsync<TicketListResponse>();
        var wrong = await s.Public.SendAsync(TicketFlow.WithOrderToken(HttpMethod.Get, $"{s.Prefix}/orders/{order.Id}/tickets", order with { OrderToken = "nope" }));

        Assert.Equal(tickets.Select(t => t.Id), listed.Data.Select(t => t.Id));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
    }
}

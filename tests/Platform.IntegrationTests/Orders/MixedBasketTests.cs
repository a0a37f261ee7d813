using System.Net;
using System.Net.Http.Json;
using Platform.CheckIn;
using Platform.Holds;
using Platform.IntegrationTests.CheckIn;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Tickets;
using Platform.Orders;
using Platform.Pricing;
using Platform.Pricing.Quotes;

namespace Platform.IntegrationTests.Orders;

/// <summary>
/// "2 adults + 1 child" with a child discount: the hold and the order take an audience per line and price each line
/// exactly as the quote of the same lines, and the child's ticket says so (response, printable ticket, gate scan).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MixedBasketTests(PlatformFixture fixture)
{
    [Fact]
    public async Task TwoAdultsOneChild_QuoteHoldOrder_SameLineTotals_ChildTicketCarriesAudience()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        await ChildHalfPriceAsync(s);
        object[] lines = [new { ticketTypeId = s.TicketTypeId, quantity = 2, audience = "adult" }, new { ticketTypeId = s.TicketTypeId, quantity = 1, audience = "child" }];

        var quote = await (await s.Public.PostAsJsonAsync($"{s.Prefix}/events/{s.Event.Id}/quote", new { lines })).ReadAsync<QuoteResponse>();
        var hold = await (await s.Public.PostAsJsonAsync($"{s.Prefix}/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = "family@example.com", lines,
        })).ReadAsync<HoldResponse>();
        var order = await (await s.OrderAsync(hold, email: "family@example.com")).ReadAsync<OrderResponse>();
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        var tickets = await s.StaffTicketsAsync(order.Id);

        Assert.Equal(quote.Total, order.Total);
        Assert.Equal((quote.Subtotal, quote.Discount, quote.Fees, quote.Tax), (order.Subtotal, order.Discount, order.Fees, order.Tax));
        Assert.Equal([(Audience.Adult, 2), (Audience.Child, 1)], hold.Lines.Select(l => (l.Audience!.Value, l.Quantity)).Order());
        foreach (var quoted in quote.Lines)
        {
            var line = Assert.Single(order.Lines, l => l.Audience == quoted.Audience);
            Assert.Equal((quoted.Quantity, quoted.Total), (line.Quantity, line.Total));
        }

        Assert.True(quote.Lines.Single(l => l.Audience == Audience.Child).Discount != 0, "the child rule applies to the child line");
        var child = Assert.Single(tickets, t => t.Audience == Audience.Child);
        Assert.Equal(2, tickets.Count(t => t.Audience == Audience.Adult));

        var html = await (await s.Owner.GetAsync($"/api/v1/tickets/{child.Id}/print")).Content.ReadAsStringAsync();
        var pdf = await PdfTools.TextAsync(await (await s.Owner.GetAsync($"/api/v1/tickets/{child.Id}/print.pdf")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Standing · Child", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("Standing · Child", pdf, StringComparison.Ordinal);

        var scanner = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "scanner"));
        var scan = await scanner.ScanAsync(s.Event.Id, child.QrPayload);
        Assert.Equal((ScanResult.Admitted, Audience.Child), (scan.Result, scan.Audience));
        var again = await scanner.ScanAsync(s.Event.Id, child.QrPayload);
        Assert.Equal((ScanResult.AlreadyUsed, Audience.Child), (again.Result, again.Audience));
    }

    /// <summary>Orders placed the old way — an order-level audience, hold lines without one — keep working: it is the lines' default.</summary>
    [Fact]
    public async Task OrderAudience_IsTheDefaultForLinesWithoutOne_NeverOverridesALinesOwn()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        await ChildHalfPriceAsync(s);
        var hold = await (await s.Public.PostAsJsonAsync($"{s.Prefix}/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = "mixed@example.com",
            lines = new object[] { new { ticketTypeId = s.TicketTypeId, quantity = 2 }, new { ticketTypeId = s.TicketTypeId, quantity = 1, audience = "adult" } },
        })).ReadAsync<HoldResponse>();

        var response = await s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name = "Ada Lovelace", email = "mixed@example.com" }, audience = "child" }),
            Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken } },
        });
        var order = await response.ReadAsync<OrderResponse>();
        var quote = await (await s.Public.PostAsJsonAsync($"{s.Prefix}/events/{s.Event.Id}/quote", new
        {
            lines = new object[] { new { ticketTypeId = s.TicketTypeId, quantity = 2, audience = "child" }, new { ticketTypeId = s.TicketTypeId, quantity = 1 } },
        })).ReadAsync<QuoteResponse>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([(Audience.Adult, 1), (Audience.Child, 2)], order.Lines.Select(l => (l.Audience, l.Quantity)).Order());
        Assert.Equal(quote.Total, order.Total);
        Assert.Equal(quote.Lines.Single(l => l.Audience == Audience.Adult).Total, order.Lines.Single(l => l.Audience == Audience.Adult).Total);
    }

    [Fact]
    public async Task Hold_UnknownAudience_400Or422Problem()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);

        var response = await s.Public.PostAsJsonAsync($"{s.Prefix}/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = "x@example.com",
            lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity = 1, audience = "toddler" } },
        });

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, response.StatusCode.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    private static async Task ChildHalfPriceAsync(CheckoutScenario s) =>
        (await s.Owner.PostAsJsonAsync("/api/v1/pricing-rules", new
        {
            name = "Children half price", kind = "audience_discount", valueType = "percentage", basisPoints = 5000, audience = "child", proof = "Age under 12",
        })).EnsureSuccessStatusCode();
}

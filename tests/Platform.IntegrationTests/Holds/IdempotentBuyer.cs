using System.Net;
using System.Net.Http.Json;
using Platform.Checkout;
using Platform.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.Holds;

/// <summary>
/// The load driver's S1 buyer (docs/benchmarks.md), the one the checkout budgets are set for: a general-admission hold
/// without an Idempotency-Key, then an order and a sandbox payment each with one. Shared by the round-trip and the
/// allocation budgets, so both measure the same buyer.
/// </summary>
internal static class IdempotentBuyer
{
    /// <summary>
    /// Buys <paramref name="quantity"/> tickets as <paramref name="email"/>. The three requests go, in that order,
    /// through <paramref name="send"/> (which sends them on <see cref="CheckoutScenario.Public"/>), so a test can trace
    /// or measure each; each answer is checked (hold and order created, payment 200) so a failing step fails here.
    /// </summary>
    public static async Task<OrderResponse> BuyAsync(this CheckoutScenario s, string email, int quantity,
        Func<HttpRequestMessage, Task<HttpResponseMessage>> send)
    {
        var order = await s.PlaceKeyedOrderAsync(email, quantity, send);
        var paid = await send(Pay(s, order, $"pay-{order.Id}"));
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        return order;
    }

    /// <summary>
    /// The buyer's first two steps: the hold (no key) and the order (keyed), each answer checked; sent through
    /// <paramref name="send"/> when given, else on <see cref="CheckoutScenario.Public"/>. The order is left to pay.
    /// </summary>
    public static async Task<OrderResponse> PlaceKeyedOrderAsync(this CheckoutScenario s, string email, int quantity,
        Func<HttpRequestMessage, Task<HttpResponseMessage>>? send = null)
    {
        send ??= request => s.Public.SendAsync(request);
        var hold = await (await send(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/holds")
        {
            Content = JsonContent.Create(new
            {
                eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = email,
                lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity } },
            }),
        })).ReadAsync<HoldResponse>();

        return await (await send(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name = "Ada Lovelace", email } }),
            Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken }, { IdempotencyFilter.Header, $"order-{hold.Id}" } },
        })).ReadAsync<OrderResponse>();
    }

    /// <summary>The buyer's sandbox payment of <paramref name="order"/> under the Idempotency-Key <paramref name="key"/> (not sent).</summary>
    public static HttpRequestMessage Pay(CheckoutScenario s, OrderResponse order, string key) =>
        new(HttpMethod.Post, $"{s.Prefix}/orders/{order.Id}/payments")
        {
            Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
            Headers = { { OrderTokens.Header, order.OrderToken }, { IdempotencyFilter.Header, key } },
        };
}

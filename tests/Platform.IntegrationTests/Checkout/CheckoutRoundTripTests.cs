using System.Net;
using System.Net.Http.Json;
using Platform.Checkout;
using Platform.Holds;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Checkout;

/// <summary>
/// Issue #20: what one buyer costs the database in round trips, the figure CPU per buyer follows (docs/benchmarks.md).
/// The buyer is the load driver's S1 buyer: a general-admission hold, an order and a sandbox payment, the last two
/// with an Idempotency-Key. A change that adds a round trip to any of them fails here, with the list of what was sent.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CheckoutRoundTripTests(PlatformFixture fixture, ITestOutputHelper output)
{
    /// <summary>S1's hold carries no Idempotency-Key (no claim): the one-round-trip batch.</summary>
    private const int HoldTrips = 1;

    /// <summary>Claim; BEGIN + tenant setting + the hold read; the save with the hold lock, the answer and COMMIT (ADR 0069).</summary>
    private const int OrderTrips = 3;

    /// <summary>
    /// The claim riding on the order read; BEGIN + setting + paid/converted with the live-mode and review-gate columns;
    /// the save with the answer and COMMIT (ADR 0069).
    /// </summary>
    private const int PayTrips = 3;

    [Fact]
    public async Task OneBuyer_HoldOrderPay_MakesNoMoreRoundTripsThanBudgeted()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 100);
        // A first buyer warms what every buyer after the first finds cached (sale facts, the tenant directory).
        await BuyAsync(s, null, "warm@example.com");

        // The fewest of a few buyers per step: the caches live about a second (ADR 0016), and on a loaded machine a
        // buyer may find one just expired and refill it; a steady-state buyer does not.
        var (hold, order, pay) = (int.MaxValue, int.MaxValue, int.MaxValue);
        var described = "";
        for (var i = 0; i < 4; i++)
        {
            using var counter = new RoundTripCounter();
            var trips = await BuyAsync(s, counter, $"counted{i}@example.com");
            if (trips.Hold + trips.Order + trips.Pay < hold + order + pay)
            {
                described = counter.Describe();
            }

            (hold, order, pay) = (Math.Min(hold, trips.Hold), Math.Min(order, trips.Order), Math.Min(pay, trips.Pay));
        }

        output.WriteLine($"hold {hold}, order {order}, pay {pay}\n{described}");
        Assert.True(hold <= HoldTrips && order <= OrderTrips && pay <= PayTrips,
            $"hold {hold} (≤ {HoldTrips}), order {order} (≤ {OrderTrips}), pay {pay} (≤ {PayTrips}):\n{described}");
    }

    private static async Task<(int Hold, int Order, int Pay)> BuyAsync(CheckoutScenario s, RoundTripCounter? counter, string email)
    {
        HttpRequestMessage Traced(HttpRequestMessage request)
        {
            if (counter is not null)
            {
                request.Headers.Add("traceparent", counter.TraceParent);
            }

            return request;
        }

        var holdResponse = await s.Public.SendAsync(Traced(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/holds")
        {
            Content = JsonContent.Create(new
            {
                eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = email,
                lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity = 2 } },
            }),
        }));
        var hold = await holdResponse.ReadAsync<HoldResponse>();
        var holdTrips = counter?.Count ?? 0;

        var orderResponse = await s.Public.SendAsync(Traced(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name = "Ada Lovelace", email } }),
            Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken }, { IdempotencyFilter.Header, $"order-{hold.Id}" } },
        }));
        var order = await orderResponse.ReadAsync<OrderResponse>();
        var orderTrips = (counter?.Count ?? 0) - holdTrips;

        var payResponse = await s.Public.SendAsync(Traced(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders/{order.Id}/payments")
        {
            Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
            Headers = { { OrderTokens.Header, order.OrderToken }, { IdempotencyFilter.Header, $"pay-{order.Id}" } },
        }));
        Assert.Equal(HttpStatusCode.OK, payResponse.StatusCode);
        var payTrips = (counter?.Count ?? 0) - holdTrips - orderTrips;
        return (holdTrips, orderTrips, payTrips);
    }
}

using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
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
        await TripsAsync(s, null, "warm@example.com");

        // The fewest of a few buyers per step: the caches live about a second (ADR 0016), and on a loaded machine a
        // buyer may find one just expired and refill it; a steady-state buyer does not.
        var (hold, order, pay) = (int.MaxValue, int.MaxValue, int.MaxValue);
        var described = "";
        for (var i = 0; i < 4; i++)
        {
            using var counter = new RoundTripCounter();
            var trips = await TripsAsync(s, counter, $"counted{i}@example.com");
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

    /// <summary>The S1 buyer (<see cref="IdempotentBuyer"/>); with a counter, the round trips each of its three requests made.</summary>
    private static async Task<(int Hold, int Order, int Pay)> TripsAsync(CheckoutScenario s, RoundTripCounter? counter, string email)
    {
        var counts = new List<int>(3);
        await s.BuyAsync(email, quantity: 2, async request =>
        {
            if (counter is not null)
            {
                request.Headers.Add("traceparent", counter.TraceParent);
            }

            var response = await s.Public.SendAsync(request);
            // Counted once the answer is read in full, as the buyer reads it.
            await response.Content.LoadIntoBufferAsync();
            counts.Add(counter?.Count ?? 0);
            return response;
        });
        return (counts[0], counts[1] - counts[0], counts[2] - counts[1]);
    }
}

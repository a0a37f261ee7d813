using System.Net;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Checkout;

/// <summary>
/// ADR 0069: a payment's Idempotency-Key is claimed in the round trip of the order read, not by a statement of its own.
/// The claim must still commit before any money moves, and a request that does not own the key must never pay.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PayIdempotencyTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Pay_ConcurrentDuplicatesOfOneKey_OnePaymentOthersReplayOr409InFlight()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceKeyedOrderAsync("buyer@example.com", 2);
        var key = $"pay-dup-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => s.Public.SendAsync(IdempotentBuyer.Pay(s, order, key))));

        // Each duplicate either replays the one answer or is told the first is still running; none pays again (which
        // would answer 409 order_already_paid) and none fails.
        var bodies = new List<string>();
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.OK)
            {
                bodies.Add(await response.Content.ReadAsStringAsync());
                continue;
            }

            Assert.Equal("idempotency_in_flight", (await response.ProblemAsync(HttpStatusCode.Conflict)).Code());
        }

        Assert.NotEmpty(bodies);
        Assert.Single(bodies.Distinct());
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM payments WHERE tenant_id = @t"));
        Assert.Equal(2L, await s.ScalarAsync<long>("SELECT count(*) FROM tickets WHERE tenant_id = @t"));
        var again = await s.Public.SendAsync(IdempotentBuyer.Pay(s, order, key));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(bodies[0], await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pay_WrongOrderTokenWithKey_404StoredAndReplayed()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceKeyedOrderAsync("buyer@example.com", 1);
        var key = $"pay-404-{Guid.NewGuid():N}";
        var stranger = order with { OrderToken = "not-the-token" };

        var first = await s.Public.SendAsync(IdempotentBuyer.Pay(s, stranger, key));
        var again = await s.Public.SendAsync(IdempotentBuyer.Pay(s, stranger, key));

        await first.ProblemAsync(HttpStatusCode.NotFound);
        await again.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(404L, await s.ScalarAsync<long>($"SELECT status_code::bigint FROM idempotency_keys WHERE tenant_id = @t AND key = '{key}'"));
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM payments WHERE tenant_id = @t"));
    }
}

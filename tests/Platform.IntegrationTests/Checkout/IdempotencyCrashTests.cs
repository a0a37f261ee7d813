using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Platform.Checkout;
using Platform.Holds;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.Checkout;

/// <summary>
/// Issue #22 item 1: a crash (or a dropped database) between the steps of an idempotent request — key claimed, work
/// in its transaction, answer stored, answer sent — must never leave the key stuck nor do the work twice. Each
/// checkout step (hold, order, payment) is crashed at each point; the client then retries with the same key as
/// docs/api.md tells it to: it gets the original answer (work committed) or the work done once (nothing committed).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class IdempotencyCrashTests(PlatformFixture fixture)
{
    public static TheoryData<string> Points => [IIdempotencyFaults.Claimed, IIdempotencyFaults.Completing, IIdempotencyFaults.Committed];

    [Theory]
    [MemberData(nameof(Points))]
    public async Task CreateHold_CrashAtStep_RetryWithSameKeyHoldsOnce(string point)
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var key = $"hold-{point}-{Guid.NewGuid():N}";
        HttpRequestMessage Request() => new(HttpMethod.Post, $"{s.Prefix}/holds")
        {
            Content = JsonContent.Create(new
            {
                eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = "crash@example.com",
                lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity = 2 } },
            }),
            Headers = { { IdempotencyFilter.Header, key } },
        };

        var retried = await CrashThenRetryAsync(s, key, point, () => s.Public.SendAsync(Request()), HttpStatusCode.Created);

        var hold = await retried.ReadAsync<HoldResponse>();
        Assert.Equal(1L, await CountAsync(s, "SELECT count(*) FROM holds WHERE tenant_id = @t"));
        Assert.Equal(2, (await s.CounterAsync()).Held);
        // The token the retry answered with is the hold's (it was stored, encrypted, with the hold).
        var read = await s.Public.SendAsync(s.WithToken(HttpMethod.Get, $"{s.Prefix}/holds/{hold.Id}", hold));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public async Task CreateOrder_CrashAtStep_RetryWithSameKeyPlacesOnceAndTokenWorks(string point)
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var hold = await s.HoldAsync(2);
        var key = $"order-{point}-{Guid.NewGuid():N}";

        var retried = await CrashThenRetryAsync(s, key, point, () => s.OrderAsync(hold, key), HttpStatusCode.Created);

        var order = await retried.ReadAsync<OrderResponse>();
        Assert.Equal(1L, await CountAsync(s, "SELECT count(*) FROM orders WHERE tenant_id = @t"));
        // The buyer can pay with the token the retry answered: the order is reachable, not stranded on a lost response.
        var paid = await s.PayAsync(order);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public async Task Pay_CrashAtStep_RetryWithSameKeyChargesOnce(string point)
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync();
        var key = $"pay-{point}-{Guid.NewGuid():N}";
        Task<HttpResponseMessage> Pay() => s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders/{order.Id}/payments")
        {
            Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
            Headers = { { OrderTokens.Header, order.OrderToken }, { IdempotencyFilter.Header, key } },
        });

        var retried = await CrashThenRetryAsync(s, key, point, Pay, HttpStatusCode.OK);

        Assert.Equal(OrderState.Paid, (await retried.ReadAsync<OrderResponse>()).State);
        Assert.Equal(1L, await CountAsync(s, "SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'succeeded'"));
        Assert.Equal(2, (await s.SettledCounterAsync()).Sold);
    }

    /// <summary>
    /// A retry that arrives while the first attempt fails and releases its key: the retry's claim is refused (the key is
    /// still held), then the first attempt deletes the claim, then the retry reads the key's answer — and finds none.
    /// That was a 500 (seen in the two-node drill, scripts/cluster.sh); it is a 409 in flight with Retry-After 1, and
    /// the next retry does the work once.
    /// </summary>
    [Fact]
    public async Task Hold_RetryRefusedWhileFirstAttemptReleasesItsKey_AnswersInFlightNotServerError()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var key = $"hold-race-{Guid.NewGuid():N}";
        HttpRequestMessage Request() => new(HttpMethod.Post, $"{s.Prefix}/holds")
        {
            Content = JsonContent.Create(new
            {
                eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = "race@example.com",
                lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity = 1 } },
            }),
            Headers = { { IdempotencyFilter.Header, key } },
        };
        fixture.Crashes.Fail(key, IIdempotencyFaults.Completing);
        var releasing = fixture.Crashes.PauseAt(key, IIdempotencyFaults.Releasing);
        var refused = fixture.Crashes.PauseAt(key, IIdempotencyFaults.Refused);

        var first = s.Public.SendAsync(Request());
        await releasing.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var retry = s.Public.SendAsync(Request());
        await refused.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        releasing.Release();
        Assert.Equal(HttpStatusCode.InternalServerError, (await first).StatusCode);
        refused.Release();

        var answer = await retry;
        Assert.Equal("idempotency_in_flight", (await answer.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(TimeSpan.FromSeconds(1), answer.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, (await s.Public.SendAsync(Request())).StatusCode);
        Assert.Equal(1L, await CountAsync(s, "SELECT count(*) FROM holds WHERE tenant_id = @t"));
    }

    /// <summary>
    /// Sends the request with a crash armed at <paramref name="point"/>, then retries like a client. Work that committed
    /// (crash after COMMIT) is replayed at once. Otherwise the dead claim answers 409 with Retry-After until its lease
    /// runs out (moved into the past here, as time would), and then the retry performs the work.
    /// </summary>
    private async Task<HttpResponseMessage> CrashThenRetryAsync(CheckoutScenario s, string key, string point, Func<Task<HttpResponseMessage>> send,
        HttpStatusCode success)
    {
        fixture.Crashes.Arm(key, point);
        var crashed = await send();
        Assert.Equal(HttpStatusCode.InternalServerError, crashed.StatusCode);

        var retry = await send();
        if (point == IIdempotencyFaults.Committed)
        {
            Assert.Equal(success, retry.StatusCode);
            Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
            return retry;
        }

        Assert.Equal("idempotency_in_flight", (await retry.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.True(retry.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await ExecuteAsync($"UPDATE idempotency_keys SET lease_until = now() - interval '1 second' WHERE key = '{key}'");

        var taken = await send();
        Assert.Equal(success, taken.StatusCode);
        Assert.False(taken.Headers.Contains("Idempotent-Replayed"));
        // And from now on the key replays that answer.
        var again = await send();
        Assert.Equal(success, again.StatusCode);
        Assert.Equal(await taken.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        return taken;
    }

    private static Task<long> CountAsync(CheckoutScenario s, string sql) => s.ScalarAsync<long>(sql);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.LoadDriver.Scenarios;

/// <summary>
/// S1 under faults (issue #22): the same general-admission buyers, but each step carries an Idempotency-Key and is
/// retried like a careful client — after a refused or reset connection, a 503, a 429 or a 409 idempotency_in_flight,
/// honouring Retry-After — for up to <c>retryFor</c>. bench.sh kills the app with SIGKILL and restarts PostgreSQL
/// meanwhile. Afterwards it compares what buyers were told with what the database holds: acknowledged orders lost,
/// orders whose token never reached the buyer, keys left unanswered, oversell, paid orders without tickets, double
/// charges, and how long checkout was down after each fault.
/// </summary>
public sealed class ChaosScenario(BenchDatabase db, string tenantSlug, TimeSpan retryFor, int capacity = 100_000) : IScenario
{
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<Guid, bool> orders = new();
    private readonly ConcurrentQueue<double> successes = new();
    // Why requests had to be sent again: a rolling restart that drains properly should need none of the first two.
    private readonly ConcurrentDictionary<string, long> retries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, bool>> retrySeconds = new(StringComparer.Ordinal);
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long buyers;
    private long gaveUp;
    private Guid eventId;
    private Guid occurrenceId;
    private Guid ticketTypeId;
    private volatile bool soldOut;

    public string Name => "chaos";

    private string Prefix => $"/api/v1/public/tenants/{tenantSlug}";

    public async Task PrepareAsync(HttpClient client, CancellationToken ct)
    {
        (eventId, occurrenceId) = await db.CreateEventAsync("Bench chaos", null, ct);
        ticketTypeId = await db.CreateGaTicketAsync(eventId, occurrenceId, capacity, ct);
    }

    public async Task<bool> RunOnceAsync(HttpClient client, int user, RunStats stats, CancellationToken ct)
    {
        if (soldOut)
        {
            return false;
        }

        var buyer = Interlocked.Increment(ref buyers);
        var email = $"c{run}-{buyer}@bench.example";
        using var hold = await KeyedAsync(client, stats, "hold", $"{run}-{buyer}-hold", () => new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/holds")
        {
            Content = JsonContent.Create(new { eventId, occurrenceId, buyerEmail = email, lines = new[] { new { ticketTypeId, quantity = 2 } } }),
        }, ct);
        if (hold?.StatusCode != HttpStatusCode.Created)
        {
            soldOut |= hold?.StatusCode == HttpStatusCode.Conflict;
            return true;
        }

        using var holdJson = JsonDocument.Parse(await hold.Content.ReadAsStringAsync(ct));
        var holdId = holdJson.RootElement.GetProperty("id").GetGuid();
        var holdToken = holdJson.RootElement.GetProperty("holdToken").GetString()!;
        using var order = await KeyedAsync(client, stats, "order", $"{run}-{buyer}-order", () => new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId, buyer = new { name = $"Buyer {buyer}", email } }),
            Headers = { { "X-Hold-Token", holdToken } },
        }, ct);
        if (order?.StatusCode != HttpStatusCode.Created)
        {
            return true;
        }

        using var orderJson = JsonDocument.Parse(await order.Content.ReadAsStringAsync(ct));
        var orderId = orderJson.RootElement.GetProperty("id").GetGuid();
        var orderToken = orderJson.RootElement.GetProperty("orderToken").GetString()!;
        orders[orderId] = false;
        using var pay = await KeyedAsync(client, stats, "pay", $"{run}-{buyer}-pay", () => new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/orders/{orderId}/payments")
        {
            Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
            Headers = { { "X-Order-Token", orderToken } },
        }, ct);
        if (pay?.StatusCode == HttpStatusCode.OK)
        {
            orders[orderId] = true;
        }

        return true;
    }

    /// <summary>
    /// Sends until a definitive answer: retries (same key) a refused/reset connection, a timeout, 5xx, 429 and 409
    /// idempotency_in_flight, waiting Retry-After (at most 2 s, else 250 ms). Null when <see cref="retryFor"/> ran out.
    /// </summary>
    private async Task<HttpResponseMessage?> KeyedAsync(HttpClient client, RunStats stats, string operation, string key,
        Func<HttpRequestMessage> request, CancellationToken ct)
    {
        var deadline = clock.Elapsed + retryFor;
        while (true)
        {
            var wait = TimeSpan.FromMilliseconds(250);
            try
            {
                var response = await LoadRunner.TimedAsync(stats, operation, () =>
                {
                    var message = request();
                    message.Headers.Add("Idempotency-Key", key);
                    return client.SendAsync(message, CancellationToken.None);
                });
                if (!await RetryableAsync(response))
                {
                    if (response.IsSuccessStatusCode)
                    {
                        successes.Enqueue(clock.Elapsed.TotalSeconds);
                    }

                    return response;
                }

                Resent(await CauseAsync(response));
                if (response.Headers.RetryAfter?.Delta is { } after)
                {
                    wait = after < TimeSpan.FromSeconds(2) ? after : TimeSpan.FromSeconds(2);
                }

                response.Dispose();
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException { InnerException: TimeoutException })
            {
                // No answer: the app is down or restarting. The key makes the resend safe.
                Resent(ex is TaskCanceledException ? "no answer (timeout)" : $"no answer ({(ex as HttpRequestException)?.HttpRequestError.ToString() ?? ex.GetType().Name})");
            }

            if (clock.Elapsed + wait > deadline || ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref gaveUp);
                stats.For(operation + " (gave up)").Record(0, 0, false);
                return null;
            }

            await Task.Delay(wait, CancellationToken.None);
        }
    }

    private void Resent(string cause)
    {
        retries.AddOrUpdate(cause, 1, (_, n) => n + 1);
        retrySeconds.GetOrAdd(cause, _ => new ConcurrentDictionary<int, bool>())[(int)clock.Elapsed.TotalSeconds] = true;
    }

    /// <summary>The status and, for a problem answer, its code: a 503 from shedding is not a 503 from a dying node.</summary>
    private static async Task<string> CauseAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return problem.RootElement.TryGetProperty("code", out var code) ? $"{status} {code.GetString()}" : $"{status}";
        }
        catch (JsonException)
        {
            return $"{status} (not a problem document)";
        }
    }

    private static async Task<bool> RetryableAsync(HttpResponseMessage response) => (int)response.StatusCode switch
    {
        >= 500 or 429 => true,
        409 => (await response.Content.ReadAsStringAsync()).Contains("\"idempotency_in_flight\"", StringComparison.Ordinal),
        _ => false,
    };

    public async Task VerifyAsync(HttpClient client, TextWriter output, CancellationToken ct)
    {
        await db.WaitAvailableAsync(ct);
        await db.VerifyAsync(eventId, output, ct);
        var acked = orders.Where(o => o.Value).Select(o => o.Key).ToHashSet();
        var outcome = await db.ChaosOutcomeAsync(eventId, ct);
        var lostAcked = acked.Count(id => !outcome.Paid.Contains(id));
        var lostTokens = outcome.All.Count(id => !orders.ContainsKey(id));
        var paidUnacked = outcome.Paid.Count(id => !acked.Contains(id));
        output.WriteLine(Invariant($"  chaos: buyers {buyers}, acknowledged paid orders {acked.Count}, stored paid orders {outcome.Paid.Count}, acknowledged but not stored paid {lostAcked}"));
        output.WriteLine(Invariant($"  chaos: orders stored {outcome.All.Count}, orders whose token never reached the buyer {lostTokens}, paid but not acknowledged {paidUnacked}"));
        output.WriteLine(Invariant($"  chaos: keys unanswered {outcome.KeysUnanswered} (of which lease expired {outcome.KeysExpired}), requests given up after {retryFor.TotalSeconds:0} s {gaveUp}"));
        output.WriteLine(Invariant($"  chaos: requests sent again: {retries.Values.Sum()}{(retries.IsEmpty ? "" : ", by cause:")}"));
        foreach (var (cause, count) in retries.OrderByDescending(r => r.Value))
        {
            var seconds = retrySeconds[cause].Keys.Order().ToList();
            var at = string.Join(" ", seconds.Take(30)) + (seconds.Count > 30 ? " …" : "");
            output.WriteLine(Invariant($"    {cause}: {count}, in second(s) {at}"));
        }
        output.WriteLine(Invariant($"  chaos: double charges {outcome.DoubleCharged}, paid orders without all their tickets {outcome.PaidWithoutTickets}"));
        // Recovery: every stretch of more than a second with no successful checkout answer.
        var times = successes.Order().ToArray();
        var gaps = times.Zip(times.Skip(1), (a, b) => (Start: a, Length: b - a)).Where(g => g.Length > 1).ToList();
        var each = string.Join(", ", gaps.Select(g => Invariant($"{g.Length:0.0} s at {g.Start:0} s")));
        var longest = gaps.Count == 0 ? 0 : gaps.Max(g => g.Length);
        output.WriteLine(Invariant($"  chaos: outages (no successful answer for > 1 s): {gaps.Count}; longest {longest:0.0} s; each [{each}]"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

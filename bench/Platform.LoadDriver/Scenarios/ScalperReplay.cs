using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Platform.AntiScalping.Model;

namespace Platform.LoadDriver.Scenarios;

/// <summary>
/// S7 (e) and (d): the risk lab's simulated on-sale (<see cref="ScalperSimulator"/>, an odd seed: a sale without a room,
/// so neither pass timing nor browser tickets need minutes of real waiting) replayed over HTTP in time order, each
/// order from its simulated address: a.b.c.d is sent from 127.b.c.d (Linux routes all of 127/8 to the loopback), so
/// the platform's own signals see the same /24s, NATs and proxies as the simulator. The tenant's policy is "block" at
/// the default threshold, so each order answers 201 (passed) or 403 order_blocked. The scoring cost is read from the
/// histogram the app exports at /metrics (platform.risk.scoring.duration), before and after the replay.
/// </summary>
public sealed class ScalperReplay(BenchDatabase db, Uri baseUrl, string? scrapeToken, int seed, int normalBuyers, int campaigns)
{
    private const int Concurrency = 8;

    /// <summary>The per-buyer limit the simulator runs with (<see cref="ScalperSimulator.Run"/>'s default).</summary>
    private const int MaxPerBuyer = 6;
    private Guid eventId;
    private Guid occurrenceId;
    private Guid ticketTypeId;

    private string Prefix => $"/api/v1/public/tenants/{db.TenantSlug}";

    public async Task PrepareAsync(CancellationToken ct)
    {
        (eventId, occurrenceId) = await db.CreateEventAsync("Bench s7 scalpers", null, ct);
        ticketTypeId = await db.CreateGaTicketAsync(eventId, occurrenceId, 1_000_000, ct);
        // The simulator's world: at most MaxPerBuyer tickets a buyer (its quantity-share signal is quantity ÷ this limit;
        // with the platform's default of 10 every simulated maximum order would look like 60 % of one).
        await db.InTenantAsync((c, tx) => BenchDatabase.ScalarAsync(c, tx, "UPDATE events SET max_tickets_per_buyer = @m WHERE tenant_id = @t AND id = @e",
            ct, ("m", MaxPerBuyer), ("t", db.TenantId), ("e", eventId)), ct);
        await db.InTenantAsync(async (c, tx) => await BenchDatabase.ScalarAsync(c, tx, """
            INSERT INTO risk_settings (tenant_id, action, threshold, block_disposable_email, updated_at) VALUES (@t, 'block', 0.8, false, now())
            ON CONFLICT (tenant_id) DO UPDATE SET action = 'block', threshold = 0.8, block_disposable_email = false, updated_at = now()
            """, ct, ("t", db.TenantId)), ct);
    }

    public async Task RunAsync(TextWriter output, CancellationToken ct)
    {
        var simulator = new ScalperSimulator(seed);
        simulator.Run(normalBuyers, campaigns, MaxPerBuyer);
        var attempts = simulator.Attempts;
        using var metrics = new HttpClient { BaseAddress = baseUrl };
        var before = await ScoringAsync(metrics, ct);
        var outcomes = new string[attempts.Count];
        var next = -1;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // A few orders in flight, taken in time order: the signals see (nearly) the simulator's order of events.
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < attempts.Count; i = Interlocked.Increment(ref next))
            {
                outcomes[i] = await OrderAsync(attempts[i], i, ct);
            }
        }, ct)));
        var elapsed = clock.Elapsed;
        var after = await ScoringAsync(metrics, ct);

        output.WriteLine(Invariant($"== s7 scalper replay: simulator seed {seed} ({normalBuyers:N0} normal buyers, {campaigns} campaigns) = {attempts.Count:N0} orders over HTTP in {elapsed.TotalSeconds:F1} s; policy block at 0.8"));
        foreach (var strategy in ScalperSimulator.Strategies)
        {
            var mine = Enumerable.Range(0, attempts.Count).Where(i => attempts[i].Strategy == strategy).Select(i => outcomes[i]).ToList();
            var counts = mine.GroupBy(o => o).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
            output.WriteLine(Invariant($"  {strategy,-22} {mine.Count,5} orders: {string.Join(", ", counts)}"));
        }

        var scalperBlocked = Enumerable.Range(0, attempts.Count).Count(i => attempts[i].Scalper && outcomes[i] == "blocked");
        var normalBlocked = Enumerable.Range(0, attempts.Count).Count(i => !attempts[i].Scalper && outcomes[i] == "blocked");
        var scalpersScored = Enumerable.Range(0, attempts.Count).Count(i => attempts[i].Scalper && outcomes[i] is "blocked" or "passed");
        var normalsScored = Enumerable.Range(0, attempts.Count).Count(i => !attempts[i].Scalper && outcomes[i] is "blocked" or "passed");
        output.WriteLine(Invariant($"  of orders that reached scoring: precision {(double)scalperBlocked / Math.Max(scalperBlocked + normalBlocked, 1):F4}, recall {(double)scalperBlocked / Math.Max(scalpersScored, 1):F4}, normal buyers passing {(double)(normalsScored - normalBlocked) / Math.Max(normalsScored, 1):P2} (docs/anti-scalping.md, held-out at 0.8: precision 0.9925, recall 0.9137, normal flagged 0.21 %)"));
        if (before is null || after is null)
        {
            output.WriteLine("  scoring cost: /metrics not readable (set --scrape-token and Observability:ScrapeTokenSha256)");
            return;
        }

        var (count, sum, buckets) = (after.Value.Count - before.Value.Count, after.Value.Sum - before.Value.Sum, after.Value.Buckets);
        // Before the first scored order the app has not exported the histogram at all: its buckets then count from 0.
        long Earlier(double le) => before.Value.Buckets.Where(x => x.Le == le).Select(x => x.Cumulative).FirstOrDefault();
        var p99 = buckets.Where(b => b.Cumulative - Earlier(b.Le) >= 0.99 * count).Select(b => b.Le).DefaultIfEmpty(double.NaN).Min();
        var p50 = buckets.Where(b => b.Cumulative - Earlier(b.Le) >= 0.5 * count).Select(b => b.Le).DefaultIfEmpty(double.NaN).Min();
        output.WriteLine(Invariant($"== s7 risk scoring cost where it runs (app histogram platform.risk.scoring.duration, signals + model, per order): {count:N0} orders, mean {sum / Math.Max(count, 1) * 1000:F1} µs, p50 ≤ {p50} ms, p99 ≤ {p99} ms (bucket bounds); target ≤ 0.5 ms"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>An HTTP client whose connections leave from <paramref name="source"/> (a loopback address).</summary>
    private static HttpClient From(IPAddress source, Uri baseUrl) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = baseUrl };

    private async Task<string> OrderAsync(SimulatedAttempt attempt, int index, CancellationToken ct)
    {
        var ip = attempt.Ip.GetAddressBytes();
        using var client = From(new IPAddress([127, ip[1], ip[2], ip[3]]), baseUrl);
        JsonElement hold = default;
        for (var h = 0; h < attempt.Holds; h++)
        {
            if (h > 0)
            {
                // A browser that holds again lets its earlier hold go (the storefront does): a buyer has one hold at a time.
                using var release = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Prefix}/holds/{hold.GetProperty("id").GetGuid()}")
                {
                    Headers = { { "X-Hold-Token", hold.GetProperty("holdToken").GetString() } },
                }, ct);
            }

            using var response = await client.PostAsJsonAsync($"{Prefix}/holds",
                new { eventId, occurrenceId, buyerEmail = attempt.Email, lines = new[] { new { ticketTypeId, quantity = attempt.Quantity } } }, ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return $"hold_{(int)response.StatusCode}_{await ProblemCodeAsync(response, ct)}";
            }

            hold = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone();
        }

        var holdId = hold.GetProperty("id").GetGuid();
        using var order = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId, buyer = new { name = $"Sim buyer {index}", email = attempt.Email, phone = attempt.Phone } }),
            Headers = { { "X-Hold-Token", hold.GetProperty("holdToken").GetString() }, { "Idempotency-Key", $"sim-{holdId}" } },
        }, ct);
        if (order.StatusCode == HttpStatusCode.Created)
        {
            return "passed";
        }

        var body = await order.Content.ReadAsStringAsync(ct);
        return order.StatusCode == HttpStatusCode.Forbidden && body.Contains("order_blocked", StringComparison.Ordinal) ? "blocked" : $"order_{(int)order.StatusCode}";
    }

    /// <summary>The RFC 9457 problem's <c>code</c>, so a refusal says why (a per-buyer limit is not a risk block).</summary>
    private static async Task<string> ProblemCodeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() ?? "?" : "?";
        }
        catch (JsonException)
        {
            return "?";
        }
    }

    /// <summary>The scoring histogram's count, sum (ms) and cumulative buckets, or null without access.</summary>
    private async Task<(long Count, double Sum, List<(double Le, long Cumulative)> Buckets)?> ScoringAsync(HttpClient client, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (scrapeToken is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", scrapeToken);
        }

        using var response = await client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        long count = 0;
        double sum = 0;
        var buckets = new List<(double, long)>();
        foreach (var line in (await response.Content.ReadAsStringAsync(ct)).Split('\n').Where(l => l.StartsWith("platform_risk_scoring_duration", StringComparison.Ordinal)))
        {
            // "name{labels} value [timestamp]"
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            if (line.Contains("_count", StringComparison.Ordinal))
            {
                count = long.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (line.Contains("_sum", StringComparison.Ordinal))
            {
                sum = double.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (line.Contains("_bucket", StringComparison.Ordinal) && line.IndexOf("le=\"", StringComparison.Ordinal) is var at and >= 0)
            {
                var le = line[(at + 4)..line.IndexOf('"', at + 4)];
                buckets.Add((le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture), long.Parse(value, CultureInfo.InvariantCulture)));
            }
        }

        return (count, sum, buckets);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.LoadDriver.Scenarios;

/// <summary>
/// Gate check-in (issue 6): paid tickets are bought through the real checkout API (so their QR codes are signed by
/// the tenant's key), a gate device is enrolled in the database (token hash, as the schema owner), then many
/// concurrent scanners POST scans with <c>Authorization: Device …</c>. Each scan takes the next ticket (admitted);
/// when the pool is used up scanning wraps around (already_used) — both are the same one-statement path.
/// Afterwards the double-scan check: 1,000 tickets kept aside are each scanned twice at once at two gates, which
/// must give exactly 1,000 admitted and 1,000 already_used, and exactly 1,000 admission rows in the database.
/// </summary>
public sealed class CheckInScenario(BenchDatabase db, string tenantSlug, int poolSize, int doubleScans = 1000) : IScenario
{
    private const int PerOrder = 10;
    private readonly ConcurrentBag<string> collected = [];
    private string[] pool = [];

    /// <summary>Each pool ticket's scan request, serialized once before the clock starts (see <see cref="RunOnceAsync"/>).</summary>
    private byte[][] bodies = [];
    private string[] doubles = [];
    private long next = -1;
    private Guid eventId;
    private string deviceToken = "";

    public string Name => "check-in";

    private string Prefix => $"/api/v1/public/tenants/{tenantSlug}";

    public async Task PrepareAsync(HttpClient client, CancellationToken ct)
    {
        var total = poolSize + doubleScans;
        Guid occurrenceId;
        (eventId, occurrenceId) = await db.CreateEventAsync("Bench check-in", null, ct);
        var ticketTypeId = await db.CreateGaTicketAsync(eventId, occurrenceId, total, ct);
        var orders = (total + PerOrder - 1) / PerOrder;
        await Parallel.ForEachAsync(Enumerable.Range(0, orders), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, token) => await BuyAsync(client, ticketTypeId, occurrenceId, i, Math.Min(PerOrder, total - i * PerOrder), token));
        var codes = collected.ToArray();
        if (codes.Length != total)
        {
            throw new InvalidOperationException($"Expected {total} tickets, bought {codes.Length}.");
        }

        (doubles, pool) = (codes[..doubleScans], codes[doubleScans..]);
        deviceToken = await db.InTenantAsync(async (c, tx) =>
        {
            var token = $"{db.TenantId:N}.{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
            await BenchDatabase.ScalarAsync(c, tx, """
                INSERT INTO check_in_devices (tenant_id, id, name, token_hash, created_at) VALUES (@t, gen_random_uuid(), 'bench gate', @h, now())
                """, ct, ("t", db.TenantId), ("h", hash));
            return token;
        }, ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Device", deviceToken);
        // Warm-up before the clock starts (JIT, connection pool, key cache): the first 256 pool tickets, 64 at a time.
        var warmUp = Math.Min(256, pool.Length / 64 * 64);
        for (var round = 0; round < warmUp / 64; round++)
        {
            await Task.WhenAll(Enumerable.Range(round * 64, 64).Select(async i =>
            {
                using var r = await client.PostAsJsonAsync("/api/v1/check-in/scans", new { eventId, code = pool[i], gate = "warm-up" }, ct);
                await Ensure(r, ct);
            }));
        }

        next = warmUp - 1;
        // 16 gates, as a venue's entrances: the ticket's pool index picks one (the same spread the users gave).
        bodies = [.. pool.Select((code, i) => JsonSerializer.SerializeToUtf8Bytes(new { eventId, code, gate = $"gate-{i % 16}" }))];
        Console.WriteLine($"  prepared {pool.Length} tickets for the run and {doubles.Length} for the double-scan check");
    }

    private async Task BuyAsync(HttpClient client, Guid ticketTypeId, Guid occurrenceId, int i, int quantity, CancellationToken ct)
    {
        var email = $"gate{i}-{Guid.NewGuid():N}@bench.example";
        using var hold = await client.PostAsJsonAsync($"{Prefix}/holds",
            new { eventId, occurrenceId, buyerEmail = email, lines = new[] { new { ticketTypeId, quantity } } }, ct);
        using var holdJson = JsonDocument.Parse(await Ensure(hold, ct));
        using var order = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = holdJson.RootElement.GetProperty("id").GetGuid(), buyer = new { name = $"Gate {i}", email } }),
            Headers = { { "X-Hold-Token", holdJson.RootElement.GetProperty("holdToken").GetString() }, { "Idempotency-Key", $"order-{Guid.NewGuid()}" } },
        }, ct);
        using var orderJson = JsonDocument.Parse(await Ensure(order, ct));
        var orderId = orderJson.RootElement.GetProperty("id").GetGuid();
        var orderToken = orderJson.RootElement.GetProperty("orderToken").GetString();
        using var pay = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/orders/{orderId}/payments")
        {
            Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
            Headers = { { "X-Order-Token", orderToken }, { "Idempotency-Key", $"pay-{orderId}" } },
        }, ct);
        await Ensure(pay, ct);
        using var tickets = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{Prefix}/orders/{orderId}/tickets")
        {
            Headers = { { "X-Order-Token", orderToken } },
        }, ct);
        using var ticketsJson = JsonDocument.Parse(await Ensure(tickets, ct));
        foreach (var t in ticketsJson.RootElement.GetProperty("data").EnumerateArray())
        {
            collected.Add(t.GetProperty("qrPayload").GetString()!);
        }
    }

    private static async Task<string> Ensure(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
    }

    /// <summary>
    /// One scan. The body was serialized before the clock started: the driver shares the machine with the app, and what
    /// it spends per scan counts in the machine's CPU per scan, so it only sends bytes (the gate's QR read, in effect).
    /// </summary>
    public async Task<bool> RunOnceAsync(HttpClient client, int user, RunStats stats, CancellationToken ct)
    {
        var body = bodies[(int)(Interlocked.Increment(ref next) % bodies.Length)];
        using var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json", "utf-8") } };
        using var scan = await LoadRunner.TimedAsync(stats, "scan", () => client.PostAsync("/api/v1/check-in/scans", content, ct),
            r => r.StatusCode == HttpStatusCode.OK);
        return true;
    }

    public async Task VerifyAsync(HttpClient client, TextWriter output, CancellationToken ct)
    {
        var results = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(128);
        await Task.WhenAll(doubles.SelectMany(code => new[] { "east", "west" }.Select(async g =>
        {
            await gate.WaitAsync(ct);
            try
            {
                using var response = await client.PostAsJsonAsync("/api/v1/check-in/scans", new { eventId, code, gate = g }, ct);
                using var json = JsonDocument.Parse(await Ensure(response, ct));
                results.Add(json.RootElement.GetProperty("result").GetString()!);
            }
            finally
            {
                gate.Release();
            }
        })));
        var admitted = results.Count(r => r == "admitted");
        var used = results.Count(r => r == "already_used");
        var rows = await db.InTenantAsync((c, tx) => BenchDatabase.ScalarAsync(c, tx,
            "SELECT count(*) FROM ticket_admissions WHERE tenant_id = @t AND event_id = @e", ct, ("t", db.TenantId), ("e", eventId)), ct);
        var scanned = Math.Min(next + 1, pool.Length); // includes the warm-up scans
        output.WriteLine($"  double scan: {doubles.Length} tickets x 2 → admitted {admitted}, already_used {used}; database admissions {rows} (expected {scanned + doubles.Length})");
        output.WriteLine(admitted == doubles.Length && used == doubles.Length && rows == scanned + doubles.Length ? "  consistency: OK" : "  consistency: FAILED");
    }
}

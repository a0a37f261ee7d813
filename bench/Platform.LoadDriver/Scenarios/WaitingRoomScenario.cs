using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.LoadDriver.Scenarios;

/// <summary>
/// S7 (issue #16): an on-sale through one waiting room, over HTTP the way browsers use it.
/// <list type="number">
/// <item>Prepare: <c>arrivals</c> buyers join a paused room (keep-alive connections, <see cref="JoinConcurrency"/> at a
/// time, no process per arrival); then the room is resumed at <c>ratePerMinute</c>: the admission window starts.</item>
/// <item>Run (the measured loop): virtual users poll the position endpoint with random buyers' ticket tokens.</item>
/// <item>Verify: the admission rate measured from the room's cursor against the configured one; holds with no pass,
/// forged, tampered, expired, other-event and other-browser passes (all must fail) and admitted buyers' holds (must
/// succeed); then <see cref="ScalperReplay"/> and the scoring cost the app exports.</item>
/// </list>
/// </summary>
public sealed class WaitingRoomScenario(BenchDatabase db, ScalperReplay replay, int arrivals, int ratePerMinute, TimeSpan passLifetime) : IScenario
{
    private const int JoinConcurrency = 128;
    private const int Probes = 200;

    private readonly string[] tokens = new string[arrivals];
    private readonly long[] seqs = new long[arrivals];
    private readonly List<(string Ticket, string Pass)> expiring = [];
    private HttpClient http = null!;
    private Guid eventId;
    private Guid occurrenceId;
    private Guid ticketTypeId;
    private Guid otherEventId;
    private DateTime resumedAt;
    private DateTime expiringClaimedAt;

    public string Name => "s7-waiting-room-poll";

    private string Prefix => $"/api/v1/public/tenants/{db.TenantSlug}";

    public async Task PrepareAsync(HttpClient client, CancellationToken ct)
    {
        // Our own client without a cookie jar: a pass cookie from one buyer must never ride along on another's hold.
        http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 512 }) { BaseAddress = client.BaseAddress };
        (eventId, occurrenceId) = await db.CreateEventAsync("Bench s7 room", null, ct);
        ticketTypeId = await db.CreateGaTicketAsync(eventId, occurrenceId, 100_000, ct);
        (otherEventId, var otherOccurrence) = await db.CreateEventAsync("Bench s7 other room", null, ct);
        await db.CreateGaTicketAsync(otherEventId, otherOccurrence, 1_000, ct);
        await OpenRoomAsync(eventId, ratePerMinute, "paused", ct);
        await OpenRoomAsync(otherEventId, 100_000, "open", ct);
        await replay.PrepareAsync(ct);

        var stats = new RunStats();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, JoinConcurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < arrivals; i = Interlocked.Increment(ref next))
            {
                using var response = await LoadRunner.TimedAsync(stats, "join", () => http.PostAsJsonAsync($"{Prefix}/events/{eventId}/waiting-room/tickets", new { }, ct),
                    r => r.StatusCode == HttpStatusCode.Created);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                    tokens[i] = json.RootElement.GetProperty("ticketToken").GetString()!;
                    seqs[i] = json.RootElement.GetProperty("position").GetProperty("position").GetInt64();
                }
            }
        }, ct)));
        Report.Print(System.Console.Out, $"s7 arrivals: {arrivals:N0} joins over HTTP, {JoinConcurrency} at a time", stats, clock.Elapsed, new Dictionary<string, double>());
        if (tokens.Any(t => t is null))
        {
            throw new InvalidOperationException("Some joins failed: the admission figures below would not be about the whole room.");
        }

        // The admission window starts here: the admitter earns credit from last_tick_at = now().
        resumedAt = (await db.InTenantAsync(async (c, tx) => await BenchDatabase.ScalarAsync(c, tx,
            "UPDATE waiting_rooms SET state = 'open', last_tick_at = now(), credit = 0 WHERE event_id = @e RETURNING (extract(epoch FROM last_tick_at) * 1000000)::bigint",
            ct, ("e", eventId)), ct)).FromUnixMicros();
        System.Console.WriteLine($"  room resumed at {ratePerMinute:N0} buyers/min at {resumedAt:HH:mm:ss.fff} UTC");

        // Passes claimed now and used after their lifetime: the expired-pass probe.
        while ((await AdmittedAsync(ct)).Admitted < 50)
        {
            await Task.Delay(200, ct);
        }

        foreach (var i in Enumerable.Range(0, arrivals).Where(i => seqs[i] <= 50).Take(50))
        {
            expiring.Add((tokens[i], (await ClaimAsync(eventId, tokens[i], ct))!));
        }

        expiringClaimedAt = DateTime.UtcNow;
    }

    public async Task<bool> RunOnceAsync(HttpClient client, int user, RunStats stats, CancellationToken ct)
    {
        var token = tokens[Random.Shared.Next(tokens.Length)];
        using var response = await LoadRunner.TimedAsync(stats, "poll", () => http.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"{Prefix}/events/{eventId}/waiting-room/position") { Headers = { { "X-Waiting-Room-Ticket", token } } }, ct));
        return true;
    }

    public async Task VerifyAsync(HttpClient client, TextWriter output, CancellationToken ct)
    {
        // (a) The rate, read right after an admitter tick: admitted so far over the time from resume to that tick.
        var before = await AdmittedAsync(ct);
        var (admitted, tickAt) = before;
        while (tickAt == before.TickAt)
        {
            await Task.Delay(50, ct);
            (admitted, tickAt) = await AdmittedAsync(ct);
        }

        var minutes = (tickAt - resumedAt).TotalMinutes;
        var measured = admitted / minutes;
        output.WriteLine(Invariant($"== s7 admission: {admitted:N0} admitted in {minutes * 60:F1} s = {measured:F0}/min against {ratePerMinute:N0}/min configured: {(measured / ratePerMinute - 1) * 100:F2} % (target ±5 %); queue left {arrivals - admitted:N0}"));

        // (c) Holds: each probe category with how many succeeded (only the admitted buyers' should).
        var admittedIdx = Enumerable.Range(0, arrivals).Where(i => seqs[i] > 50 && seqs[i] <= admitted).Take(Probes).ToList();
        var waitingIdx = Enumerable.Range(0, arrivals).Where(i => seqs[i] > admitted + 1000).Take(Probes).ToList();
        var notAdmittedClaims = 0;
        foreach (var i in waitingIdx)
        {
            notAdmittedClaims += await ClaimAsync(eventId, tokens[i], ct) is null ? 0 : 1;
        }

        var others = new List<(string Ticket, string Pass)>();
        for (var i = 0; i < 50; i++)
        {
            using var join = await http.PostAsJsonAsync($"{Prefix}/events/{otherEventId}/waiting-room/tickets", new { }, ct);
            var other = JsonDocument.Parse(await join.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("ticketToken").GetString()!;
            string? pass = null;
            for (var attempt = 0; attempt < 50 && pass is null; attempt++)
            {
                pass = await ClaimAsync(otherEventId, other, ct);
                if (pass is null)
                {
                    await Task.Delay(200, ct);
                }
            }

            others.Add((other, pass ?? throw new InvalidOperationException("The other event's room did not admit.")));
        }

        var wait = expiringClaimedAt + passLifetime + TimeSpan.FromSeconds(2) - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            output.WriteLine(Invariant($"  waiting {wait.TotalSeconds:F0} s for the early passes to expire ({passLifetime.TotalSeconds:F0} s lifetime)"));
            await Task.Delay(wait, ct);
        }

        // The admitted buyers' own passes are claimed after that wait, so they are fresh when their holds are tried.
        var passes = new List<(string Ticket, string Pass)>();
        foreach (var i in admittedIdx)
        {
            passes.Add((tokens[i], (await ClaimAsync(eventId, tokens[i], ct))!));
        }

        var probes = new (string Name, Func<int, (string? Ticket, string? Pass)> Headers, int Count)[]
        {
            ("no pass", i => (tokens[waitingIdx[i % waitingIdx.Count]], null), Probes),
            ("forged pass", i => (tokens[waitingIdx[i % waitingIdx.Count]], Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=') + "CfDJ8"), Probes),
            ("tampered pass", i => (passes[i % passes.Count].Ticket, Tamper(passes[i % passes.Count].Pass, i)), Probes),
            ("expired pass", i => expiring[i % expiring.Count], expiring.Count),
            ("other-event pass", i => others[i % others.Count], others.Count),
            ("other-event pass, this event's ticket", i => (passes[i % passes.Count].Ticket, others[i % others.Count].Pass), others.Count),
            ("pass of another browser", i => (tokens[waitingIdx[i % waitingIdx.Count]], passes[i % passes.Count].Pass), Probes),
            ("admitted buyer's own pass", i => passes[i], passes.Count),
        };
        output.WriteLine(Invariant($"== s7 holds (quantity 1 each; expected: only the last row succeeds); claims of not-admitted tickets that got a pass: {notAdmittedClaims} of {waitingIdx.Count}"));
        foreach (var (name, headers, count) in probes)
        {
            var statuses = new Dictionary<int, int>();
            for (var i = 0; i < count; i++)
            {
                var (ticket, pass) = headers(i);
                var status = await HoldAsync(ticket, pass, i, ct);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }

            output.WriteLine(Invariant($"  {name,-40} {count,4} attempts, {statuses.GetValueOrDefault(201),4} succeeded; statuses [{string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))}]"));
        }

        await replay.RunAsync(output, ct);
    }

    private static string Tamper(string pass, int i)
    {
        var chars = pass.ToCharArray();
        var at = 20 + (i % (chars.Length - 21));
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private async Task<int> HoldAsync(string? ticket, string? pass, int i, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/holds")
        {
            Content = JsonContent.Create(new { eventId, occurrenceId, buyerEmail = $"s7-{Guid.NewGuid():N}@bench.example", lines = new[] { new { ticketTypeId, quantity = 1 } } }),
        };
        if (ticket is not null)
        {
            request.Headers.Add("X-Waiting-Room-Ticket", ticket);
        }

        if (pass is not null)
        {
            request.Headers.Add("X-Waiting-Room-Pass", pass);
        }

        using var response = await http.SendAsync(request, ct);
        return (int)response.StatusCode;
    }

    /// <summary>The ticket's pass, or null when the room refused it (not admitted).</summary>
    private async Task<string?> ClaimAsync(Guid ev, string ticket, CancellationToken ct)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/events/{ev}/waiting-room/pass")
        {
            Headers = { { "X-Waiting-Room-Ticket", ticket } },
        }, ct);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("pass").GetString()
            : null;
    }

    private Task<(long Admitted, DateTime TickAt)> AdmittedAsync(CancellationToken ct) => db.InTenantAsync(async (c, tx) =>
    {
        await using var command = new Npgsql.NpgsqlCommand("SELECT general_admitted, last_tick_at FROM waiting_rooms WHERE event_id = @e", c, tx);
        command.Parameters.AddWithValue("e", eventId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetFieldValue<DateTime>(1));
    }, ct);

    private Task OpenRoomAsync(Guid ev, int rate, string state, CancellationToken ct) => db.InTenantAsync(async (c, tx) => await BenchDatabase.ScalarAsync(c, tx, """
        INSERT INTO waiting_rooms (tenant_id, event_id, state, rate_per_minute, release_percent, opens_at, shuffled, presale_next, presale_admitted,
                                   general_next, general_admitted, credit, last_tick_at, created_at, updated_at)
        VALUES (@t, @e, @s, @r, 100, now() - interval '1 minute', true, 0, 0, 0, 0, 0, now(), now(), now());
        INSERT INTO waiting_rooms_active (event_id, room_tenant_id) VALUES (@e, @t);
        """, ct, ("t", db.TenantId), ("e", ev), ("s", state), ("r", rate)), ct);
}

internal static class UnixMicros
{
    public static DateTime FromUnixMicros(this long micros) => DateTime.UnixEpoch.AddTicks(micros * 10);
}

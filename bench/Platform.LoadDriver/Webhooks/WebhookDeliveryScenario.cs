using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Platform.LoadDriver.Scenarios;

namespace Platform.LoadDriver.Webhooks;

/// <summary>
/// Webhook fan-out under a paid-order burst (issue 22, "Deliver also"): a Standard Webhooks receiver on loopback
/// (<see cref="WebhookReceiver"/>) is registered on the bench tenant for <c>order.*</c>, filtered to this run's event
/// so no other scenario's orders reach it, then S1's buyers (hold → order → payment) run. Every 201 order must yield
/// one order.created and every paid payment one order.paid delivery: that client-side count is the expectation, so
/// a delivery the platform never created counts as lost too. Reported: deliveries/s, lag from the event's time (the
/// envelope timestamp) to receipt, received vs expected, invalid signatures, and settlement lag with the endpoint on.
/// The platform must allow loopback receivers (Webhooks:AllowLoopback, set by scripts/bench.sh).
/// With <paramref name="endpoints"/> &gt; 1 the same events fan out to that many endpoints (each its own delivery
/// rows and retries), which is how the delivery pool's rate is measured beyond the ~2 events per buyer that this
/// machine's checkout can offer: N endpoints × the event rate.
/// With <paramref name="cpu"/> (the harness's --cpu) it also prints the app's and PostgreSQL's CPU per delivery while the
/// backlog drains after the buyers have stopped: then the delivery pool (claim, sign, send, record) is nearly all the
/// platform does, so the figure is the pool's own cost, robust to a loaded machine; the run's CPU per paid buyer mixes
/// checkout and deliveries.
/// </summary>
public sealed class WebhookDeliveryScenario(BenchDatabase db, string tenantSlug, int endpoints = 1, ProcessCpu? cpu = null) : IScenario
{
    private const double TargetPerSecond = 500;
    private static readonly TimeSpan TargetLagP99 = TimeSpan.FromSeconds(2);
    // Long enough for a backlog of N endpoints × the run's events at a few hundred deliveries/s.
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(240);
    private const int MinDrainDeliveries = 500;
    private readonly CheckoutScenario buyers = new("webhooks-burst", db, tenantSlug, seated: false);
    private readonly WebhookReceiver receiver = new("whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    private readonly List<RunStats> phases = [];
    private DateTimeOffset measuredFrom;
    private readonly List<Guid> endpointIds = [];

    public string Name => "webhooks";

    public async Task PrepareAsync(HttpClient client, CancellationToken ct)
    {
        await buyers.PrepareAsync(client, ct);
        await receiver.StartAsync(ct);
        // As the schema owner, like the other scenarios' set-up: the driver has no staff token for the webhooks API.
        // The URL guard still applies when the platform connects (loopback only with Webhooks:AllowLoopback). The secret
        // goes in as plaintext, which the platform reads as a secret stored before encryption at rest (WebhookSecretVault)
        // and encrypts on its first delivery batch.
        for (var n = 0; n < endpoints; n++)
        {
            var endpointId = Guid.CreateVersion7();
            endpointIds.Add(endpointId);
            await db.InTenantAsync((c, tx) => BenchDatabase.ScalarAsync(c, tx, """
                INSERT INTO webhook_endpoints (tenant_id, id, url, description, event_types, filter, protected_secret, enabled, created_at, updated_at)
                VALUES (@t, @id, @url, 'bench receiver', ARRAY['order.*'], jsonb_build_object('eventId', @e::text), @s, true, now(), now())
                """, ct, ("t", db.TenantId), ("id", endpointId), ("url", receiver.Url(n).ToString()), ("e", buyers.EventId.ToString()),
                ("s", receiver.Secret)), ct);
        }

        Console.WriteLine($"  receiver {receiver.Url(0)} (+{endpoints - 1} more endpoints) registered for order.* of event {buyers.EventId}");
    }

    public Task<bool> RunOnceAsync(HttpClient client, int user, RunStats stats, CancellationToken ct)
    {
        // A new RunStats is a new phase (warm-up, then the measured run): the last one is the measured window.
        lock (phases)
        {
            if (phases.Count == 0 || !ReferenceEquals(phases[^1], stats))
            {
                phases.Add(stats);
                measuredFrom = DateTimeOffset.UtcNow;
            }
        }

        return buyers.RunOnceAsync(client, user, stats, ct);
    }

    public async Task VerifyAsync(HttpClient client, TextWriter output, CancellationToken ct)
    {
        // The measured run ended just before this call (the runner waits for its users, then prints the report).
        var runEnded = DateTimeOffset.UtcNow;
        var measuredUntil = runEnded;
        // Settlement (quota held → sold, another outbox lane) is checked while the deliveries drain, so its lag is
        // the lag with the endpoint present, not after it.
        var settlementOutput = new StringWriter(CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        // Settlement's check queries PostgreSQL; it ends before the CPU window of the drain opens so it is not counted.
        await buyers.VerifyAsync(client, settlementOutput, ct);
        var drainFromAt = DateTimeOffset.UtcNow;
        var drainFrom = cpu?.Read();
        (long Created, long Paid) expected;
        while (true)
        {
            // Asked again each round: a request the driver abandoned at the deadline may still commit its order.
            var perEndpoint = await ExpectedAsync(ct);
            expected = (perEndpoint.Created * endpoints, perEndpoint.Paid * endpoints);
            if ((receiver.Receipts.Count(r => r.Type == "order.created") >= expected.Created &&
                 receiver.Receipts.Count(r => r.Type == "order.paid") >= expected.Paid) || clock.Elapsed > DrainLimit)
            {
                break;
            }

            await Task.Delay(200, ct);
        }

        var drained = clock.Elapsed;
        var drainTo = cpu?.Read();
        var drainToAt = DateTimeOffset.UtcNow;
        var receipts = receiver.Receipts.ToArray();
        var created = receipts.Count(r => r.Type == "order.created");
        var paid = receipts.Count(r => r.Type == "order.paid");
        var measured = receipts.Where(r => r.OccurredAt >= measuredFrom).ToArray();
        var lags = measured.Select(r => (r.ReceivedAt - r.OccurredAt).TotalMilliseconds).Order().ToArray();
        var runSeconds = (measuredUntil - measuredFrom).TotalSeconds;
        var inRun = measured.Count(r => r.ReceivedAt <= measuredUntil);
        var span = measured.Length == 0 ? 0 : (measured.Max(r => r.ReceivedAt) - measuredFrom).TotalSeconds;
        var perSecondPeak = measured.GroupBy(r => r.ReceivedAt.ToUnixTimeSeconds()).Select(g => g.Count()).DefaultIfEmpty().Max();
        var rate = span > 0 ? measured.Length / span : 0;
        var p50 = Percentile(lags, 50);
        var p99 = Percentile(lags, 99);

        output.WriteLine(Invariant($"  deliveries: received {receipts.Length} ({created} of {expected.Created} order.created, {paid} of {expected.Paid} order.paid, {receipts.Length - created - paid} other), lost {Math.Max(0, expected.Created - created) + Math.Max(0, expected.Paid - paid)}, duplicates {receiver.Duplicates}, invalid signatures {receiver.InvalidSignatures}"));
        output.WriteLine(Invariant($"  deliveries (measured {runSeconds:F1} s run): {measured.Length} events, {inRun} received during the run ({inRun / Math.Max(runSeconds, 0.001):F1}/s), all received {span:F1} s after the run started: {rate:F1} deliveries/s (peak second {perSecondPeak}); drained {drained.TotalSeconds:F1} s after the run"));
        output.WriteLine(Invariant($"  ratio to target {TargetPerSecond:F0} deliveries/s: {rate / TargetPerSecond:F3}; events of the measured run/s (the offered rate, a ceiling for deliveries/s): {measured.Length / Math.Max(runSeconds, 0.001):F1}"));
        output.WriteLine(Invariant($"  lag (event time → receipt): p50 {p50:F0} ms, p99 {p99:F0} ms, max {(lags.Length == 0 ? double.NaN : lags[^1]):F0} ms, {lags.Count(l => l > TargetLagP99.TotalMilliseconds)} of {lags.Length} over {TargetLagP99.TotalSeconds:F0} s; ratio of p99 to target {TargetLagP99.TotalMilliseconds:F0} ms: {p99 / TargetLagP99.TotalMilliseconds:F3}"));
        output.Write(settlementOutput.ToString());
        if (drainFrom is not null && drainTo is not null)
        {
            PrintDrainCpu(output, drainFrom, drainTo, receipts.Count(r => r.ReceivedAt > drainFromAt && r.ReceivedAt <= drainToAt), drainToAt - drainFromAt);
        }

        var statuses = await db.InTenantAsync(async (c, tx) =>
        {
            await using var command = new Npgsql.NpgsqlCommand(
                "SELECT status, count(*) FROM webhook_deliveries WHERE tenant_id = @t AND endpoint_id = ANY(@ids) GROUP BY status ORDER BY status", c, tx);
            command.Parameters.AddWithValue("t", db.TenantId);
            command.Parameters.AddWithValue("ids", endpointIds.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            var list = new List<string>();
            while (await reader.ReadAsync(ct))
            {
                list.Add(Invariant($"{reader.GetString(0)}:{reader.GetInt64(1)}"));
            }

            return string.Join(", ", list);
        }, ct);
        output.WriteLine($"  database: webhook_deliveries of the {endpoints} endpoint(s) [{statuses}] (observed {(DateTimeOffset.UtcNow - runEnded).TotalSeconds:0.0} s after the run)");
        output.WriteLine(created == expected.Created && paid == expected.Paid && receiver.InvalidSignatures == 0 ? "  deliveries: OK" : "  deliveries: FAILED");
        // Off again, so later scenarios in the same bench run do not try the receiver once this process has gone.
        await db.InTenantAsync((c, tx) => BenchDatabase.ScalarAsync(c, tx,
            "UPDATE webhook_endpoints SET enabled = false, disabled_reason = 'manual', disabled_at = now(), updated_at = now() WHERE tenant_id = @t AND id = ANY(@ids)",
            ct, ("t", db.TenantId), ("ids", endpointIds.ToArray())), ct);
        await receiver.DisposeAsync();
    }

    /// <summary>
    /// What the receiver must get, from the orders themselves: each order row of the bench event was committed with its
    /// order.created event, each paid one with its order.paid (same transaction, outbox). The driver's own count of
    /// 201s would miss orders whose request it abandoned at the run's deadline but the server still committed.
    /// </summary>
    private Task<(long Created, long Paid)> ExpectedAsync(CancellationToken ct) => db.InTenantAsync(async (c, tx) => (
        await BenchDatabase.ScalarAsync(c, tx, "SELECT count(*) FROM orders WHERE tenant_id = @t AND event_id = @e", ct,
            ("t", db.TenantId), ("e", buyers.EventId)),
        await BenchDatabase.ScalarAsync(c, tx, "SELECT count(*) FROM orders WHERE tenant_id = @t AND event_id = @e AND state = 'paid'", ct,
            ("t", db.TenantId), ("e", buyers.EventId))), ct);

    /// <summary>
    /// CPU per delivery while the backlog drains (no buyers). Needs a backlog: with too few deliveries in the window the
    /// 10 ms resolution of /proc and the idle work of the app (timers, the sweep) would dominate.
    /// </summary>
    private static void PrintDrainCpu(TextWriter output, ProcessCpu.Sample from, ProcessCpu.Sample to, int delivered, TimeSpan window)
    {
        var (app, pg, machine) = (to.App - from.App, to.Postgres - from.Postgres, to.Machine - from.Machine);
        var head = Invariant($"  CPU while the backlog drained (buyers stopped; {delivered} deliveries in {window.TotalSeconds:F1} s, {delivered / Math.Max(window.TotalSeconds, 0.001):F1}/s): app {app:F1} s, PostgreSQL {pg:F1} s, machine {machine:F1} s");
        output.WriteLine(delivered < MinDrainDeliveries
            ? head + Invariant($"; per delivery: n/a (fewer than {MinDrainDeliveries} deliveries drained: raise --webhook-endpoints)")
            : head + Invariant($"; per delivery: app {app * 1000 / delivered:F3} ms, PostgreSQL {pg * 1000 / delivered:F3} ms, machine {machine * 1000 / delivered:F3} ms (machine includes this driver's receiver)"));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

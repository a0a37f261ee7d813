using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Observability;

/// <summary>
/// The platform's own instruments (meter <c>Platform</c>), exported by OpenTelemetry at /metrics. Counters and one
/// histogram only, so the hot paths pay an interlocked add each; names and labels are listed in docs/operations.md.
/// Static because one meter per process is what Prometheus sees, and call sites deep in services need no injection.
/// </summary>
public static class PlatformMetrics
{
    public const string MeterName = "Platform";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Holds, orders and payments by step, outcome (<c>success</c> or the problem code), channel and tenant.</summary>
    internal static readonly Counter<long> CheckoutRequests = Meter.CreateCounter<long>("platform.checkout.requests", "{request}",
        "Checkout requests (hold, order, payment) by step, outcome, channel and tenant.");

    /// <summary>Every problem response by its code, route template and status.</summary>
    internal static readonly Counter<long> Problems = Meter.CreateCounter<long>("platform.problems", "{response}",
        "Problem responses (RFC 9457) by code, route and status.");

    /// <summary>Requests refused before any work: per-caller rate limits (rate_limited) and node admission (checkout_busy).</summary>
    internal static readonly Counter<long> Refusals = Meter.CreateCounter<long>("platform.refusals", "{request}",
        "Requests refused by rate limiting or checkout admission, by reason and route.");

    internal static readonly Counter<long> ProviderErrors = Meter.CreateCounter<long>("platform.payment.provider_errors", "{error}",
        "Payments the provider declined or failed, by provider and code.");

    /// <summary>
    /// Payments settled later by the provider's event rather than in the request (Stripe): the request answered 202
    /// (<c>pending</c> on the checkout counter) and the outcome arrives here, once per provider event.
    /// </summary>
    internal static readonly Counter<long> AsyncPayments = Meter.CreateCounter<long>("platform.payment.async_outcomes", "{payment}",
        "Payments settled by the provider's asynchronous event, by provider, outcome (paid, failed, refunded_unpayable) and tenant.");

    internal static readonly Histogram<double> OutboxLag = Meter.CreateHistogram<double>("platform.outbox.lag", "s",
        "Time from an outbox event's commit to its lane handling it, by lane.");

    internal static readonly Counter<long> OutboxFailures = Meter.CreateCounter<long>("platform.outbox.batch_failures", "{batch}",
        "Outbox batches that failed (retried later), by lane.");

    internal static readonly Counter<long> WebhookAttempts = Meter.CreateCounter<long>("platform.webhook.attempts", "{attempt}",
        "Webhook delivery attempts by outcome (success, failure) and tenant.");

    internal static readonly Counter<long> CheckIns = Meter.CreateCounter<long>("platform.checkins", "{scan}",
        "Ticket scans by result (admitted, exited, already_used, invalid, ...) and tenant.");

    private static volatile string[] diskPaths = [];

    /// <summary>Free share of the file system of each watched path (<see cref="ObservabilityOptions.DiskPaths"/>).</summary>
    internal static readonly ObservableGauge<double> DiskFree = Meter.CreateObservableGauge("platform.disk.free_ratio", ObserveDisks, "1",
        "Free share of the file system holding each configured path (Observability:DiskPaths).");

    private static readonly ConcurrentDictionary<Guid, string> TenantValues = new();

    internal static void WatchDisks(IEnumerable<string> paths) => diskPaths = [.. paths.Distinct(StringComparer.Ordinal)];

    private static IEnumerable<Measurement<double>> ObserveDisks() =>
        diskPaths.Where(Directory.Exists).Select(p =>
        {
            var drive = new DriveInfo(p);
            return new Measurement<double>(drive.TotalSize == 0 ? 1 : (double)drive.AvailableFreeSpace / drive.TotalSize,
                new KeyValuePair<string, object?>("path", p));
        });

    /// <summary>Set once at start-up from <see cref="ObservabilityOptions.TenantLabelCap"/>.</summary>
    internal static int TenantLabelCap { get; set; } = 50;

    /// <summary>
    /// The <c>tenant</c> label value: the tenant's id for the first <see cref="TenantLabelCap"/> tenants this process
    /// sees, then <c>other</c>. A counter's label cannot move once exported (its series would restart), so the cap is
    /// first-come rather than a re-ranked top N; the live API has exact per-tenant figures.
    /// </summary>
    internal static string TenantLabel(Guid? tenantId)
    {
        if (tenantId is not { } id)
        {
            return "none";
        }

        if (TenantValues.TryGetValue(id, out var value))
        {
            return value;
        }

        return TenantValues.Count >= TenantLabelCap ? "other" : TenantValues.GetOrAdd(id, static i => i.ToString());
    }

    public static void ProviderError(string provider, string? code) =>
        ProviderErrors.Add(1, new("provider", provider), new("code", code ?? "unknown"));

    public static void AsyncPaymentOutcome(string provider, string outcome, Guid tenantId) =>
        AsyncPayments.Add(1, new("provider", provider), new("outcome", outcome), new("tenant", TenantLabel(tenantId)));

    public static void OutboxHandled(string lane, DateTimeOffset occurredAt, DateTimeOffset now) =>
        OutboxLag.Record(Math.Max(0, (now - occurredAt).TotalSeconds), new KeyValuePair<string, object?>("lane", lane));

    public static void OutboxBatchFailed(string lane) => OutboxFailures.Add(1, new KeyValuePair<string, object?>("lane", lane));

    public static void WebhookAttempt(Guid tenantId, bool succeeded) =>
        WebhookAttempts.Add(1, new("outcome", succeeded ? "success" : "failure"), new("tenant", TenantLabel(tenantId)));

    public static void CheckIn(Guid? tenantId, CheckIn.ScanResult result) =>
        CheckIns.Add(1, new("result", ScanResults[(int)result]), new("tenant", TenantLabel(tenantId)));

    private static readonly string[] ScanResults =
        [.. Enum.GetValues<CheckIn.ScanResult>().Select(r => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(r.ToString()))];

    internal static TagList CheckoutTags(string step, string outcome, string channel, string tenant) =>
        new() { { "step", step }, { "outcome", outcome }, { "channel", channel }, { "tenant", tenant } };
}

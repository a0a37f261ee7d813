using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.Observability;

/// <summary>
/// This node's live windows: one for the platform, one per tenant, one per event (capped by
/// <see cref="ObservabilityOptions.LiveEventWindows"/>; beyond it the idlest windows are dropped). In-process and per
/// node by design (ADR 0036): the dashboard polls a node for the last minute; Prometheus sums nodes.
/// </summary>
internal sealed class LiveStats(IOptions<ObservabilityOptions> options, TimeProvider clock, PostEvent.Counts.EventOutcomeBuffer outcomes)
{
    private readonly LiveWindow platform = new();
    private readonly ConcurrentDictionary<Guid, LiveWindow> tenants = new();
    private readonly ConcurrentDictionary<Guid, LiveWindow> events = new();
    private readonly int eventCap = options.Value.LiveEventWindows;
    private int pruning;

    public long NowSecond => clock.GetUtcNow().ToUnixTimeSeconds();

    public void Record(Guid? tenantId, Guid? eventId, double elapsedMs, int status, LiveStep? step, string? problemCode)
    {
        var second = NowSecond;
        platform.Record(second, elapsedMs, status, step, problemCode);
        if (tenantId is { } tenant)
        {
            // Tenants are bounded by the tenant table; windows of tenants idle for long are pruned with events'.
            tenants.GetOrAdd(tenant, static _ => new LiveWindow()).Record(second, elapsedMs, status, step, problemCode);
        }

        if (eventId is { } ev)
        {
            EventWindow(ev, second).Record(second, elapsedMs, status, step, problemCode);
        }
    }

    /// <summary>A payment the provider settled after the request answered 202 (Stripe's webhook), in all three scopes.</summary>
    public void RecordPaymentOutcome(Guid tenantId, Guid? eventId, bool paid, string? declineCode)
    {
        var second = NowSecond;
        platform.RecordOutcome(second, LiveStep.Payment, paid, declineCode);
        tenants.GetOrAdd(tenantId, static _ => new LiveWindow()).RecordOutcome(second, LiveStep.Payment, paid, declineCode);
        if (eventId is { } ev)
        {
            EventWindow(ev, second).RecordOutcome(second, LiveStep.Payment, paid, declineCode);
            // The request counted "pending" for the post-event report; its real outcome is counted here.
            outcomes.Record(tenantId, ev, "payment", paid ? "success" : declineCode ?? "payment_failed");
        }
    }

    private LiveWindow EventWindow(Guid eventId, long second)
    {
        if (!events.TryGetValue(eventId, out var window))
        {
            if (events.Count >= eventCap)
            {
                Prune(second);
            }

            window = events.GetOrAdd(eventId, static _ => new LiveWindow());
        }

        return window;
    }

    public LiveSnapshot Platform() => platform.Snapshot(NowSecond);

    public LiveSnapshot Tenant(Guid tenantId) => (tenants.TryGetValue(tenantId, out var w) ? w : new LiveWindow()).Snapshot(NowSecond);

    public LiveSnapshot Event(Guid eventId) => (events.TryGetValue(eventId, out var w) ? w : new LiveWindow()).Snapshot(NowSecond);

    /// <summary>Drops windows idle for over a minute (they hold nothing the dashboard shows); one pruner at a time.</summary>
    private void Prune(long now)
    {
        if (Interlocked.Exchange(ref pruning, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var map in new[] { events, tenants })
            {
                foreach (var (key, window) in map)
                {
                    if (now - Volatile.Read(ref window.LastSecond) > LiveWindow.Seconds)
                    {
                        map.TryRemove(key, out _);
                    }
                }
            }

            // Everything is busy: drop the idlest tenth so a flood of new events cannot grow memory without bound.
            if (events.Count >= eventCap)
            {
                foreach (var key in events.OrderBy(e => e.Value.LastSecond).Take(Math.Max(1, eventCap / 10)).Select(e => e.Key).ToList())
                {
                    events.TryRemove(key, out _);
                }
            }
        }
        finally
        {
            Volatile.Write(ref pruning, 0);
        }
    }
}

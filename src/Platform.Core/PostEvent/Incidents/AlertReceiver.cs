using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;

namespace Platform.PostEvent.Incidents;

/// <summary>
/// Stores Alertmanager's notifications as incidents: a firing alert is inserted once per (fingerprint, start), a
/// resolved one closes it (or is inserted closed if its firing notice was missed). Alertmanager repeats notifications
/// (repeat_interval) and retries failed ones, so every write is an idempotent upsert.
/// </summary>
internal sealed class AlertReceiver(PlatformDbContext db, TimeProvider clock)
{
    public async Task<AlertsReceivedResponse> ReceiveAsync(AlertmanagerWebhook body, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        int firing = 0, resolved = 0;
        foreach (var alert in body.Alerts!)
        {
            var labels = alert.Labels!;
            var startsAt = alert.StartsAt!.Value.ToUniversalTime();
            // Alertmanager sends endsAt 0001-01-01 (or a future "expected end") while an alert fires: only a resolved one has ended.
            DateTimeOffset? endsAt = alert.Status == "resolved" ? (alert.EndsAt is { Year: > 1 } e ? e.ToUniversalTime() : now) : null;
            var annotations = alert.Annotations ?? new Dictionary<string, string>();
            var summary = annotations.GetValueOrDefault("summary") ?? annotations.GetValueOrDefault("description");
            summary = summary is { Length: > 1000 } ? summary[..1000] : summary;
            var fingerprint = string.IsNullOrWhiteSpace(alert.Fingerprint) ? Fingerprint(labels) : alert.Fingerprint;
            Guid? tenant = labels.TryGetValue("tenant", out var t) && Guid.TryParse(t, out var tid) ? tid : null;
            Guid? ev = (labels.TryGetValue("event", out var e1) || labels.TryGetValue("event_id", out e1)) && Guid.TryParse(e1, out var eid) ? eid : null;
            var severity = labels.GetValueOrDefault("severity") is { } s ? s[..Math.Min(40, s.Length)] : null;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO incidents (id, fingerprint, starts_at, ends_at, status, alert_name, severity, summary, alert_tenant_id, alert_event_id, received_at, updated_at)
                VALUES ({Guid.CreateVersion7()}, {fingerprint}, {startsAt}, {endsAt}, {alert.Status}, {labels["alertname"]}, {severity}, {summary}, {tenant}, {ev}, {now}, {now})
                ON CONFLICT (fingerprint, starts_at) DO UPDATE SET
                    status = excluded.status, ends_at = excluded.ends_at, summary = coalesce(excluded.summary, incidents.summary), updated_at = excluded.updated_at
                """, ct);
            if (alert.Status == "resolved")
            {
                resolved++;
            }
            else
            {
                firing++;
            }
        }

        return new AlertsReceivedResponse(firing, resolved);
    }

    /// <summary>Alertmanager's fingerprint is a hash of the sorted label set; older versions do not send it.</summary>
    private static string Fingerprint(IReadOnlyDictionary<string, string> labels) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', labels.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => l.Key + "=" + l.Value)))))[..16];
}

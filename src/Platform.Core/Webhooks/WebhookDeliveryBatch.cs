using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Auditing;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Webhooks;

/// <summary>
/// One round of the delivery pool for one tenant: claims up to <see cref="WebhookOptions.DeliveryBatchSize"/> due
/// deliveries with one conditional UPDATE that moves next_attempt_at forward as a lease (so duplicate wake-ups and other
/// nodes never attempt one twice at once, and no transaction stays open during the HTTP calls), sends them side by side,
/// then logs every attempt and moves deliveries and endpoints on with one SaveChanges.
/// </summary>
internal sealed class WebhookDeliveryBatch(
    PlatformDbContext db, TenantContext tenant, WebhookSender sender, WebhookSecretVault vault, AuditLog audit, IBackgroundJobClient jobs,
    IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public const string ClaimSql = """
        UPDATE webhook_deliveries d SET next_attempt_at = @lease
        FROM (SELECT id FROM webhook_deliveries
              WHERE tenant_id = @t AND status = 'Pending' AND next_attempt_at <= @now
              ORDER BY next_attempt_at LIMIT @limit FOR UPDATE SKIP LOCKED) due
        WHERE d.tenant_id = @t AND d.id = due.id
        RETURNING d.id
        """;

    public async Task RunAsync(Guid tenantId, WebhookDeliveryPool pool, CancellationToken ct)
    {
        tenant.Set(tenantId);
        var settings = options.CurrentValue;
        var ids = await ClaimAsync(tenantId, settings.DeliveryBatchSize, ct);
        if (ids.Count == 0)
        {
            return;
        }

        if (ids.Count >= settings.DeliveryBatchSize)
        {
            pool.Wake(tenantId); // more is due: another worker claims the next batch while this one sends
        }

        var deliveries = await db.Set<WebhookDelivery>().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        var endpointIds = deliveries.Select(d => d.EndpointId).Distinct().ToList();
        var endpoints = await db.Set<WebhookEndpoint>().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);

        foreach (var endpoint in endpoints.Values)
        {
            endpoint.EncryptLegacySecrets(vault); // saved with the attempts below
        }

        var now = clock.GetUtcNow();
        var sends = deliveries.Select(async d =>
        {
            if (!endpoints.TryGetValue(d.EndpointId, out var endpoint) || !endpoint.Enabled)
            {
                return (Delivery: d, Result: (SendResult?)null);
            }

            return (Delivery: d, Result: await sender.SendAsync(endpoint.Url, d.WebhookId, endpoint.ActiveSecrets(now, vault), d.Body, ct));
        });
        var results = await Task.WhenAll(sends);

        var attempts = new WebhookAttemptRecorder(db, audit, settings);
        foreach (var (delivery, result) in results.OrderBy(r => r.Result?.FinishedAt ?? now))
        {
            if (result is null)
            {
                // The endpoint was disabled (or deleted) after this delivery was queued: it stays failed, unsent.
                delivery.Status = DeliveryStatus.Failed;
                delivery.NextAttemptAt = null;
                continue;
            }

            attempts.Record(delivery, endpoints[delivery.EndpointId], result);
        }

        await db.SaveChangesAsync(ct);
        foreach (var endpointId in attempts.Disabled)
        {
            jobs.Enqueue<WebhookDisabledNotifier>(n => n.NotifyAsync(tenantId, endpointId, CancellationToken.None));
        }

        foreach (var endpointId in attempts.Failing)
        {
            jobs.Enqueue<WebhookDisabledNotifier>(n => n.NotifyFailingAsync(tenantId, endpointId, CancellationToken.None));
        }

        if (deliveries.Where(d => d.Status == DeliveryStatus.Pending).Min(d => d.NextAttemptAt) is { } next)
        {
            pool.WakeAt(tenantId, next);
        }
    }

    private async Task<List<Guid>> ClaimAsync(Guid tenantId, int limit, CancellationToken ct) =>
        await TenantBatch.OnConnectionAsync(db, async connection =>
        {
            var now = clock.GetUtcNow();
            await using var batch = new TenantBatch(connection, null, tenantId);
            batch.Add(ClaimSql,
                new NpgsqlParameter("t", NpgsqlDbType.Uuid) { Value = tenantId },
                new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now },
                new NpgsqlParameter("lease", NpgsqlDbType.TimestampTz) { Value = now + Lease },
                new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
            var ids = new List<Guid>();
            await using var reader = await batch.ReadAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
            }

            return ids;
        }, ct);
}

using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Auditing;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Webhooks;

/// <summary>
/// One round of the delivery pool for one tenant: claims up to <see cref="WebhookOptions.DeliveryBatchSize"/> due
/// deliveries with one conditional UPDATE that moves next_attempt_at forward as a lease and returns the rows (so
/// duplicate wake-ups and other nodes never attempt one twice at once, and no transaction stays open during the HTTP
/// calls), sends them side by side — each endpoint's secrets decrypted once per batch — then records every attempt and
/// moves the deliveries on with one round trip (<see cref="WebhookAttemptWriter"/>), in the same transaction as the
/// endpoints' changes and audit entries when the attempts changed an endpoint.
/// </summary>
internal sealed partial class WebhookDeliveryBatch(
    PlatformDbContext db, TenantContext tenant, WebhookSender sender, WebhookSecretVault vault, AuditLog audit, IBackgroundJobClient jobs,
    IOptionsMonitor<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDeliveryBatch> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>When the claims of a batch that failed are tried again.</summary>
    public static readonly TimeSpan FailedBatchRetry = TimeSpan.FromSeconds(10);

    public const string ReleaseSql = """
        UPDATE webhook_deliveries SET next_attempt_at = @retry
        WHERE tenant_id = @t AND id = ANY(@ids) AND status = 'Pending' AND next_attempt_at = @lease
        """;

    public const string ClaimSql = """
        UPDATE webhook_deliveries d SET next_attempt_at = @lease
        FROM (SELECT id FROM webhook_deliveries
              WHERE tenant_id = @t AND status = 'Pending' AND next_attempt_at <= @now
              ORDER BY next_attempt_at LIMIT @limit FOR UPDATE SKIP LOCKED) due
        WHERE d.tenant_id = @t AND d.id = due.id
        RETURNING d.id, d.endpoint_id, d.event_id, d.event_type, d.body, d.attempt_count, d.schedule_start,
                  d.next_attempt_at, d.last_attempt_at, d.created_at
        """;

    public async Task RunAsync(Guid tenantId, WebhookDeliveryPool pool, CancellationToken ct)
    {
        tenant.Set(tenantId);
        var settings = options.CurrentValue;
        var deliveries = await ClaimAsync(tenantId, settings.DeliveryBatchSize, ct);
        if (deliveries.Count == 0)
        {
            return;
        }

        if (deliveries.Count >= settings.DeliveryBatchSize)
        {
            pool.Wake(tenantId); // more is due: another worker claims the next batch while this one sends
        }

        var lease = deliveries[0].NextAttemptAt!.Value; // as stored (RETURNING), so the release can match it exactly
        try
        {
            await SendAndRecordAsync(tenantId, deliveries, settings, ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            await ReleaseAsync(tenantId, deliveries.Select(d => d.Id).ToArray(), lease, pool);
            throw;
        }

        if (deliveries.Where(d => d.Status == DeliveryStatus.Pending).Min(d => d.NextAttemptAt) is { } next)
        {
            pool.WakeAt(tenantId, next);
        }
    }

    /// <summary>Sends the claimed deliveries side by side and records every outcome (the usual path of a batch).</summary>
    private async Task SendAndRecordAsync(Guid tenantId, List<WebhookDelivery> deliveries, WebhookOptions settings, CancellationToken ct)
    {
        var endpointIds = deliveries.Select(d => d.EndpointId).Distinct().ToList();
        var endpoints = await db.Set<WebhookEndpoint>().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);

        foreach (var endpoint in endpoints.Values)
        {
            endpoint.EncryptLegacySecrets(vault); // saved with the attempts below
        }

        var now = clock.GetUtcNow();
        // Decrypting a secret (Data Protection) costs more than signing with it: once per endpoint, not per delivery.
        var keys = endpoints.Values.Where(e => e.Enabled).ToDictionary(e => e.Id, e => e.ActiveKeys(now, vault));
        var sends = deliveries.Select(async d =>
        {
            if (!keys.TryGetValue(d.EndpointId, out var endpointKeys))
            {
                return (Delivery: d, Result: (SendResult?)null);
            }

            return (Delivery: d, Result: await sender.SendAsync(endpoints[d.EndpointId].Url, d.WebhookId, endpointKeys, d.Body, ct));
        });
        var results = await Task.WhenAll(sends);

        var attempts = new WebhookAttemptRecorder(audit, settings);
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

        await SaveAsync(tenantId, deliveries, attempts.Attempts, ct);
        foreach (var endpointId in attempts.Disabled)
        {
            jobs.Enqueue<WebhookDisabledNotifier>(n => n.NotifyAsync(tenantId, endpointId, CancellationToken.None));
        }

        foreach (var endpointId in attempts.Failing)
        {
            jobs.Enqueue<WebhookDisabledNotifier>(n => n.NotifyFailingAsync(tenantId, endpointId, CancellationToken.None));
        }
    }

    /// <summary>
    /// A batch that failed before it recorded its attempts (a database blip, a secret that no longer decrypts) hands its
    /// claims back for a retry in <see cref="FailedBatchRetry"/> instead of leaving them leased for the full
    /// <see cref="Lease"/>. Only claims still exactly as this batch left them are touched (status Pending and
    /// next_attempt_at its lease): whatever was recorded stays. Best effort — if the database is what failed, the lease
    /// stands and runs out as before.
    /// </summary>
    private async Task ReleaseAsync(Guid tenantId, Guid[] ids, DateTimeOffset lease, WebhookDeliveryPool pool)
    {
        var retryAt = clock.GetUtcNow() + FailedBatchRetry;
        try
        {
            await TenantBatch.OnConnectionAsync(db, async connection =>
            {
                await using var batch = new TenantBatch(connection, null, tenantId);
                batch.Add(ReleaseSql,
                    new NpgsqlParameter("t", NpgsqlDbType.Uuid) { Value = tenantId },
                    new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids },
                    new NpgsqlParameter("lease", NpgsqlDbType.TimestampTz) { Value = lease },
                    new NpgsqlParameter("retry", NpgsqlDbType.TimestampTz) { Value = retryAt });
                return await batch.ExecuteAsync(CancellationToken.None);
            }, CancellationToken.None);
            pool.WakeAt(tenantId, retryAt);
        }
#pragma warning disable CA1031 // best effort: the caller logs and rethrows the batch's own failure
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, ids.Length, tenantId, Lease, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Count} claimed webhook deliveries of tenant {TenantId} could not be handed back; they are retried when their lease ({Lease}) runs out")]
    private static partial void LogReleaseFailed(ILogger logger, int count, Guid tenantId, TimeSpan lease, Exception e);

    /// <summary>
    /// The deliveries and attempts in one round trip (an implicit transaction) when no endpoint or audit entry changed —
    /// the usual case, every attempt a success at a healthy endpoint; otherwise in one transaction with EF's changes.
    /// </summary>
    private async Task SaveAsync(Guid tenantId, List<WebhookDelivery> deliveries, List<WebhookAttempt> attempts, CancellationToken ct)
    {
        if (!db.ChangeTracker.HasChanges())
        {
            await TenantBatch.OnConnectionAsync(db, async connection =>
            {
                await using var batch = new TenantBatch(connection, null, tenantId);
                WebhookAttemptWriter.Add(batch, tenantId, deliveries, attempts);
                return await batch.ExecuteAsync(ct);
            }, ct);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using (var batch = new TenantBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), tenantId, db))
        {
            WebhookAttemptWriter.Add(batch, tenantId, deliveries, attempts);
            await batch.ExecuteAsync(ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Claims due deliveries and returns them as they are after the claim (untracked: written back by SQL).</summary>
    private async Task<List<WebhookDelivery>> ClaimAsync(Guid tenantId, int limit, CancellationToken ct) =>
        await TenantBatch.OnConnectionAsync(db, async connection =>
        {
            var now = clock.GetUtcNow();
            await using var batch = new TenantBatch(connection, null, tenantId);
            batch.Add(ClaimSql,
                new NpgsqlParameter("t", NpgsqlDbType.Uuid) { Value = tenantId },
                new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now },
                new NpgsqlParameter("lease", NpgsqlDbType.TimestampTz) { Value = now + Lease },
                new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
            var deliveries = new List<WebhookDelivery>();
            await using var reader = await batch.ReadAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                deliveries.Add(new WebhookDelivery
                {
                    TenantId = tenantId,
                    Id = reader.GetGuid(0),
                    EndpointId = reader.GetGuid(1),
                    EventId = reader.GetGuid(2),
                    EventType = reader.GetString(3),
                    Body = reader.GetString(4),
                    Status = DeliveryStatus.Pending,
                    AttemptCount = reader.GetInt32(5),
                    ScheduleStart = reader.GetInt32(6),
                    NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(7),
                    LastAttemptAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                    CreatedAt = reader.GetFieldValue<DateTimeOffset>(9),
                });
            }

            return deliveries;
        }, ct);
}

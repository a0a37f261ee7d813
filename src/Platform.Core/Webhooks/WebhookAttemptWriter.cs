using Npgsql;
using NpgsqlTypes;
using Platform.Persistence;

namespace Platform.Webhooks;

/// <summary>
/// Writes a delivery batch's outcome with two statements whatever its size: one UPDATE of every delivery (status,
/// attempt count, next and last attempt, from unnested arrays) and one INSERT of every attempt. Through EF they were
/// one UPDATE and one INSERT per delivery — 64 statements for a batch of 32, each planned and executed on its own.
/// The columns written are the ones the attempt rules change (<see cref="WebhookAttemptRecorder"/>); schedule_start,
/// which a manual redelivery resets, is left alone, as EF left it.
/// </summary>
internal static class WebhookAttemptWriter
{
    public const string UpdateDeliveriesSql = """
        UPDATE webhook_deliveries d
        SET status = u.status, attempt_count = u.attempt_count, next_attempt_at = u.next_attempt_at, last_attempt_at = u.last_attempt_at
        FROM unnest(@ids, @statuses, @attempt_counts, @next_attempts, @last_attempts)
             AS u (id, status, attempt_count, next_attempt_at, last_attempt_at)
        WHERE d.tenant_id = @t AND d.id = u.id
        """;

    public const string InsertAttemptsSql = """
        INSERT INTO webhook_attempts (tenant_id, id, delivery_id, attempt_number, attempted_at, status_code, latency_ms, response_excerpt, error)
        SELECT @t, a.id, a.delivery_id, a.attempt_number, a.attempted_at, a.status_code, a.latency_ms, a.response_excerpt, a.error
        FROM unnest(@ids, @deliveries, @numbers, @attempted, @codes, @latencies, @excerpts, @errors)
             AS a (id, delivery_id, attempt_number, attempted_at, status_code, latency_ms, response_excerpt, error)
        """;

    /// <summary>Adds the two statements to <paramref name="batch"/> (the attempts' only when there are any).</summary>
    public static void Add(TenantBatch batch, Guid tenantId, IReadOnlyCollection<WebhookDelivery> deliveries, IReadOnlyCollection<WebhookAttempt> attempts)
    {
        batch.Add(UpdateDeliveriesSql,
            Uuid(tenantId),
            Array("ids", NpgsqlDbType.Uuid, deliveries.Select(d => d.Id)),
            Array("statuses", NpgsqlDbType.Text, deliveries.Select(d => d.Status.ToString())),
            Array("attempt_counts", NpgsqlDbType.Integer, deliveries.Select(d => d.AttemptCount)),
            Array("next_attempts", NpgsqlDbType.TimestampTz, deliveries.Select(d => d.NextAttemptAt)),
            Array("last_attempts", NpgsqlDbType.TimestampTz, deliveries.Select(d => d.LastAttemptAt)));
        if (attempts.Count == 0)
        {
            return;
        }

        batch.Add(InsertAttemptsSql,
            Uuid(tenantId),
            Array("ids", NpgsqlDbType.Uuid, attempts.Select(a => a.Id)),
            Array("deliveries", NpgsqlDbType.Uuid, attempts.Select(a => a.DeliveryId)),
            Array("numbers", NpgsqlDbType.Integer, attempts.Select(a => a.AttemptNumber)),
            Array("attempted", NpgsqlDbType.TimestampTz, attempts.Select(a => a.AttemptedAt)),
            Array("codes", NpgsqlDbType.Integer, attempts.Select(a => a.StatusCode)),
            Array("latencies", NpgsqlDbType.Integer, attempts.Select(a => a.LatencyMs)),
            Array("excerpts", NpgsqlDbType.Text, attempts.Select(a => a.ResponseExcerpt)),
            Array("errors", NpgsqlDbType.Text, attempts.Select(a => a.Error)));
    }

    private static NpgsqlParameter Uuid(Guid tenantId) => new("t", NpgsqlDbType.Uuid) { Value = tenantId };

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };
}

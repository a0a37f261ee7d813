using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Platform.Outbox;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Webhooks;

/// <summary>
/// The webhooks lane: turns a batch of outbox events into one delivery per subscribed endpoint with ONE INSERT (arrays
/// unnested), in the lane's transaction, then wakes the delivery pool once it has committed. Sending is the pool's
/// (<see cref="WebhookDeliveryPool"/>), never this lane's, so a slow receiver slows neither this lane nor any other.
/// An endpoint disabled as failing still gets its deliveries recorded — as failed, unsent — so "redeliver everything
/// failed since T" covers the whole outage once it is enabled again. A webhook.test event goes only to the endpoint
/// named in its data.
/// </summary>
internal sealed class WebhookFanOut(PlatformDbContext db, TenantContext tenant, WebhookDeliveryPool pool, TimeProvider clock) : IOutboxHandler
{
    public const string InsertSql = """
        INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type, body, status, attempt_count,
                                        schedule_start, next_attempt_at, created_at)
        SELECT @t, d.id, d.endpoint_id, d.event_id, d.event_type, d.body, d.status, 0, 0,
               CASE WHEN d.status = 'Pending' THEN @now END, @now
        FROM unnest(@ids, @endpoints, @events, @types, @bodies, @statuses) AS d (id, endpoint_id, event_id, event_type, body, status)
        """;

    private bool created;

    public string Lane => "webhooks";

    public async Task HandleAsync(IReadOnlyList<OutboxEvent> events, CancellationToken ct)
    {
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking()
            .Where(e => e.Enabled || e.DisabledReason == DisabledReasons.Failing).ToListAsync(ct);
        if (endpoints.Count == 0)
        {
            return;
        }

        var filters = endpoints.ToDictionary(e => e.Id, e => e.Filter is null ? (JsonElement?)null : JsonDocument.Parse(e.Filter).RootElement.Clone());
        var rows = new List<(Guid Id, Guid Endpoint, OutboxEvent Event, string Body, bool Enabled)>();
        foreach (var e in events)
        {
            using var data = JsonDocument.Parse(e.Payload);
            string? body = null;
            foreach (var endpoint in endpoints.Where(x => Receives(x, filters[x.Id], e, data.RootElement)))
            {
                body ??= Envelope(e, data.RootElement);
                rows.Add((Guid.CreateVersion7(), endpoint.Id, e, body, endpoint.Enabled));
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        await using var insert = new TenantBatch(connection, transaction, tenant.RequiredTenantId, db);
        insert.Add(InsertSql,
            new NpgsqlParameter("t", NpgsqlDbType.Uuid) { Value = tenant.RequiredTenantId },
            new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = clock.GetUtcNow() },
            Array("ids", NpgsqlDbType.Uuid, rows.Select(r => r.Id)),
            Array("endpoints", NpgsqlDbType.Uuid, rows.Select(r => r.Endpoint)),
            Array("events", NpgsqlDbType.Uuid, rows.Select(r => r.Event.Id)),
            Array("types", NpgsqlDbType.Text, rows.Select(r => r.Event.Type)),
            Array("bodies", NpgsqlDbType.Text, rows.Select(r => r.Body)),
            Array("statuses", NpgsqlDbType.Text, rows.Select(r => (r.Enabled ? DeliveryStatus.Pending : DeliveryStatus.Failed).ToString())));
        await insert.ExecuteAsync(ct);
        created |= rows.Any(r => r.Enabled);
    }

    public Task CommittedAsync(CancellationToken ct)
    {
        if (created)
        {
            created = false;
            pool.Wake(tenant.RequiredTenantId);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// On every sweep: wakes the pool for the tenant, which claims whatever is due, including deliveries whose wake-up
    /// was lost (a crash, another node's timer) or whose attempt's lease ran out.
    /// </summary>
    public Task RecoverAsync(CancellationToken ct)
    {
        pool.Wake(tenant.RequiredTenantId);
        return Task.CompletedTask;
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };

    private static bool Receives(WebhookEndpoint endpoint, JsonElement? filter, OutboxEvent e, JsonElement data)
    {
        if (e.Type == WebhookRules.TestEventType)
        {
            return data.TryGetProperty("endpointId", out var target) && target.GetString() == endpoint.Id.ToString();
        }

        return WebhookRules.Subscribes(endpoint.EventTypes, e.Type) && (filter is not { } f || WebhookRules.FilterMatches(f, data));
    }

    /// <summary>The Standard Webhooks payload shape: type, timestamp, data.</summary>
    private static string Envelope(OutboxEvent e, JsonElement data) =>
        JsonSerializer.Serialize(new WebhookEnvelope(e.Type, e.OccurredAt, data), WebhookEnvelope.Json);
}

internal sealed record WebhookEnvelope(string Type, DateTimeOffset Timestamp, JsonElement Data)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Platform.Outbox;
using Platform.Persistence;

namespace Platform.Webhooks;

/// <summary>
/// Turns outbox events into one delivery per subscribed, enabled endpoint (in the dispatcher's transaction), then
/// enqueues their first attempts once that transaction has committed. A webhook.test event goes only to the endpoint
/// named in its data.
/// </summary>
internal sealed class WebhookFanOut(PlatformDbContext db, IBackgroundJobClient jobs, TimeProvider clock) : IOutboxHandler
{
    private readonly List<(Guid TenantId, Guid DeliveryId)> created = [];

    public async Task HandleAsync(IReadOnlyList<OutboxEvent> events, CancellationToken ct)
    {
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking().Where(e => e.Enabled).ToListAsync(ct);
        if (endpoints.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var e in events)
        {
            using var data = JsonDocument.Parse(e.Payload);
            foreach (var endpoint in endpoints.Where(x => Receives(x, e, data.RootElement)))
            {
                var delivery = new WebhookDelivery
                {
                    EndpointId = endpoint.Id,
                    EventId = e.Id,
                    EventType = e.Type,
                    Body = Envelope(e, data.RootElement),
                    Status = DeliveryStatus.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                };
                db.Add(delivery);
                created.Add((endpoint.TenantId, delivery.Id));
            }
        }
    }

    public Task CommittedAsync(CancellationToken ct)
    {
        foreach (var (tenantId, deliveryId) in created)
        {
            jobs.Enqueue<WebhookDeliveryJob>(j => j.AttemptAsync(tenantId, deliveryId, CancellationToken.None));
        }

        created.Clear();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Re-enqueues deliveries that are overdue by more than an attempt's lease: their job was lost (a crash between
    /// commit and enqueue, or a Hangfire failure). The attempt's conditional claim makes a duplicate harmless.
    /// </summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        var overdue = clock.GetUtcNow() - TimeSpan.FromMinutes(3);
        var stalled = await db.Set<WebhookDelivery>().AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt < overdue)
            .OrderBy(d => d.Id).Take(500).Select(d => new { d.TenantId, d.Id }).ToListAsync(ct);
        foreach (var d in stalled)
        {
            created.Add((d.TenantId, d.Id));
        }

        await CommittedAsync(ct);
    }

    private static bool Receives(WebhookEndpoint endpoint, OutboxEvent e, JsonElement data)
    {
        if (e.Type == WebhookRules.TestEventType)
        {
            return data.TryGetProperty("endpointId", out var target) && target.GetString() == endpoint.Id.ToString();
        }

        if (!WebhookRules.Subscribes(endpoint.EventTypes, e.Type))
        {
            return false;
        }

        if (endpoint.Filter is null)
        {
            return true;
        }

        using var filter = JsonDocument.Parse(endpoint.Filter);
        return WebhookRules.FilterMatches(filter.RootElement, data);
    }

    /// <summary>The Standard Webhooks payload shape: type, timestamp, data.</summary>
    private static string Envelope(OutboxEvent e, JsonElement data) =>
        JsonSerializer.Serialize(new WebhookEnvelope(e.Type, e.OccurredAt, data), WebhookEnvelope.Json);
}

internal sealed record WebhookEnvelope(string Type, DateTimeOffset Timestamp, JsonElement Data)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

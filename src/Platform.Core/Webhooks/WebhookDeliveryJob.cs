using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Webhooks;

/// <summary>
/// One attempt of one delivery, run by Hangfire with the tenant as an argument. It claims the delivery with a
/// conditional update (a lease, so duplicate jobs and several servers never attempt it twice at once, and no
/// transaction stays open during the HTTP call), sends, logs the attempt and schedules the next one.
/// </summary>
internal sealed class WebhookDeliveryJob(
    PlatformDbContext db, TenantContext tenant, WebhookSender sender, AuditLog audit,
    IBackgroundJobClient jobs, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Hangfire keeps schedule times in whole seconds, so a scheduled attempt may start up to this early.</summary>
    private static readonly TimeSpan SchedulerPrecision = TimeSpan.FromSeconds(1);

    // Retries are ours (same webhook-id, logged attempts, our schedule), never Hangfire's.
    [AutomaticRetry(Attempts = 0)]
    public async Task AttemptAsync(Guid tenantId, Guid deliveryId, CancellationToken ct)
    {
        tenant.Set(tenantId);
        var now = clock.GetUtcNow();
        var due = now + SchedulerPrecision;
        var claimed = await db.Set<WebhookDelivery>()
            .Where(d => d.Id == deliveryId && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= due)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now + Lease), ct);
        if (claimed == 0)
        {
            return;
        }

        var delivery = await db.Set<WebhookDelivery>().SingleAsync(d => d.Id == deliveryId, ct);
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, ct);
        if (endpoint is not { Enabled: true })
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            await db.SaveChangesAsync(ct);
            return;
        }

        var result = await sender.SendAsync(endpoint.Url, delivery.WebhookId, endpoint.ActiveSecrets(now), delivery.Body, ct);
        var next = Record(delivery, endpoint, result, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        if (next is { } delay)
        {
            jobs.Schedule<WebhookDeliveryJob>(j => j.AttemptAsync(tenantId, deliveryId, CancellationToken.None), delay);
        }
    }

    /// <summary>Logs the attempt and moves the delivery and endpoint on; returns the delay of the next attempt.</summary>
    private TimeSpan? Record(WebhookDelivery delivery, WebhookEndpoint endpoint, SendResult result, DateTimeOffset now)
    {
        delivery.AttemptCount++;
        delivery.LastAttemptAt = now;
        db.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id,
            AttemptNumber = delivery.AttemptCount,
            AttemptedAt = now,
            StatusCode = result.StatusCode,
            LatencyMs = result.LatencyMs,
            ResponseExcerpt = result.ResponseExcerpt,
            Error = result.Error,
        });

        if (result.Succeeded)
        {
            delivery.Status = DeliveryStatus.Succeeded;
            delivery.NextAttemptAt = null;
            endpoint.FailingSince = null;
            return null;
        }

        var settings = options.CurrentValue;
        endpoint.FailingSince ??= now;
        if (result.StatusCode == 410)
        {
            Disable(endpoint, DisabledReasons.Gone, now);
        }
        else if (now - endpoint.FailingSince >= settings.DisableAfterFailingFor)
        {
            Disable(endpoint, DisabledReasons.Failing, now);
        }

        var schedule = settings.EffectiveRetrySchedule;
        var retry = delivery.AttemptCount - delivery.ScheduleStart;
        if (!endpoint.Enabled || retry > schedule.Count)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            return null;
        }

        var delay = schedule[retry - 1];
        delivery.NextAttemptAt = now + delay;
        return delay;
    }

    private void Disable(WebhookEndpoint endpoint, string reason, DateTimeOffset now)
    {
        endpoint.Disable(reason, now);
        // The tenant is told through the API flag and this audit entry; an email notice hooks in here too.
        audit.Record("webhook_endpoint.disabled", "webhook_endpoint", endpoint.Id.ToString(),
            new Dictionary<string, FieldChange> { ["disabledReason"] = new(null, reason), ["enabled"] = new(true, false) });
    }
}

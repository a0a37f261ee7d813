using Platform.Auditing;

namespace Platform.Webhooks;

/// <summary>
/// The rules after one HTTP attempt (ADR 0005): log it; a 2xx clears the endpoint's failing state; a failure marks the
/// endpoint failing at once (failingSince), schedules the next retry, tells the tenant's admins once per failing run —
/// after <see cref="WebhookOptions.NotifyAfterFailingFor"/> or, at the latest, before a delivery's last attempt — and,
/// when a delivery's schedule runs out while the endpoint has failed throughout it, disables the endpoint as failing.
/// A 410 disables it at once. The attempts and the deliveries' new state are collected here and written by
/// <see cref="WebhookAttemptWriter"/> with one statement each per batch; endpoint changes and audit entries go through
/// the caller's SaveChanges.
/// </summary>
internal sealed class WebhookAttemptRecorder(AuditLog audit, WebhookOptions settings)
{
    /// <summary>The attempts recorded so far, in the order they were recorded.</summary>
    public List<WebhookAttempt> Attempts { get; } = [];

    /// <summary>Endpoints this batch disabled, for the e-mail sent after the commit.</summary>
    public HashSet<Guid> Disabled { get; } = [];

    /// <summary>Endpoints whose admins are to be warned that deliveries are failing.</summary>
    public HashSet<Guid> Failing { get; } = [];

    public void Record(WebhookDelivery delivery, WebhookEndpoint endpoint, SendResult result)
    {
        var now = result.FinishedAt;
        Observability.PlatformMetrics.WebhookAttempt(delivery.TenantId, result.Succeeded);
        delivery.AttemptCount++;
        delivery.LastAttemptAt = now;
        Attempts.Add(new WebhookAttempt
        {
            TenantId = delivery.TenantId,
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
            endpoint.FailureNotifiedAt = null;
            return;
        }

        endpoint.FailingSince ??= now;
        if (result.StatusCode == 410 && endpoint.Enabled)
        {
            Disable(endpoint, DisabledReasons.Gone, now);
        }

        var schedule = settings.EffectiveRetrySchedule;
        var retry = delivery.AttemptCount - delivery.ScheduleStart;
        if (!endpoint.Enabled || retry > schedule.Count)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            // Out of retries, and no attempt to the endpoint has succeeded for at least as long as this delivery's
            // schedule: the receiver is down, not just refusing one message.
            if (endpoint.Enabled && now - endpoint.FailingSince >= settings.ScheduleLength)
            {
                Disable(endpoint, DisabledReasons.Failing, now);
            }

            return;
        }

        delivery.NextAttemptAt = now + schedule[retry - 1];
        var lastAttemptNext = retry == schedule.Count;
        if (endpoint.FailureNotifiedAt is null && (lastAttemptNext || now - endpoint.FailingSince >= settings.NotifyAfterFailingFor))
        {
            endpoint.FailureNotifiedAt = now;
            Failing.Add(endpoint.Id);
        }
    }

    private void Disable(WebhookEndpoint endpoint, string reason, DateTimeOffset now)
    {
        endpoint.Disable(reason, now);
        Disabled.Add(endpoint.Id);
        // The tenant is told through the API flag, this audit entry and an email (WebhookDisabledNotifier).
        audit.Record("webhook_endpoint.disabled", "webhook_endpoint", endpoint.Id.ToString(),
            new Dictionary<string, FieldChange> { ["disabledReason"] = new(null, reason), ["enabled"] = new(true, false) });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Authorization;
using Platform.Identity.Email;
using Platform.Identity.Memberships;
using Platform.Identity.Users;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Webhooks;

/// <summary>
/// Tells a tenant's Owners and Admins by email that one of their webhook endpoints is failing (before its retries run
/// out) or was disabled, and why. Runs as its own Hangfire job after the delivery bookkeeping commits, so a mail
/// failure never rolls back (or repeats) it.
/// </summary>
internal sealed class WebhookDisabledNotifier(PlatformDbContext db, TenantContext tenant, IEmailSender email, IOptionsMonitor<WebhookOptions> options)
{
    public async Task NotifyAsync(Guid tenantId, Guid endpointId, CancellationToken ct)
    {
        tenant.Set(tenantId);
        var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == endpointId, ct);
        if (endpoint is null || endpoint.Enabled)
        {
            return;
        }

        var reason = endpoint.DisabledReason == DisabledReasons.Gone
            ? "it answered 410 Gone"
            : $"every attempt since {endpoint.FailingSince:u} has failed and the retry schedule ran out";
        await SendAsync("A webhook endpoint was disabled",
            $"Deliveries to {endpoint.Url} have stopped because {reason}.\n\n" +
            "Fix the receiver, then enable the endpoint again (PATCH /api/v1/webhooks/endpoints/" +
            $"{endpoint.Id} with {{\"enabled\": true}}) and redeliver what it missed: POST /api/v1/webhooks/endpoints/" +
            $"{endpoint.Id}/redeliver-failed with {{\"since\": \"{endpoint.FailingSince ?? endpoint.DisabledAt:O}\"}}. " +
            $"Undelivered messages are kept for {options.CurrentValue.UndeliveredRetention.TotalDays:0} days.", ct);
    }

    public async Task NotifyFailingAsync(Guid tenantId, Guid endpointId, CancellationToken ct)
    {
        tenant.Set(tenantId);
        var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == endpointId, ct);
        if (endpoint is not { Enabled: true, FailingSince: { } since })
        {
            return; // recovered (or disabled, which sends its own mail) meanwhile
        }

        var settings = options.CurrentValue;
        await SendAsync("Webhook deliveries are failing",
            $"Every delivery to {endpoint.Url} (endpoint {endpoint.Id}) has failed since {since:u}. Deliveries are retried " +
            $"for about {settings.ScheduleLength.TotalHours:0.#} hours each; if the receiver still fails when a delivery's " +
            "last retry fails, the endpoint is disabled. Its delivery log (GET /api/v1/webhooks/endpoints/" +
            $"{endpoint.Id}/deliveries?status=Pending) shows what is waiting, and the attempts show the receiver's answers.", ct);
    }

    private async Task SendAsync(string subject, string body, CancellationToken ct)
    {
        var adminIds = await db.Set<TenantMembership>().AsNoTracking()
            .Where(m => m.Role == PlatformRoles.Owner || m.Role == PlatformRoles.Admin)
            .Select(m => m.UserId).ToListAsync(ct);
        var recipients = await db.Set<PlatformUser>().AsNoTracking()
            .Where(u => adminIds.Contains(u.Id) && u.Email != null)
            .Select(u => u.Email!).ToListAsync(ct);
        foreach (var to in recipients)
        {
            await email.SendAsync(new EmailMessage(to, subject, body), ct);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Identity.Email;
using Platform.Identity.Memberships;
using Platform.Identity.Users;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Webhooks;

/// <summary>
/// Tells a tenant's Owners and Admins by email that one of their webhook endpoints was disabled, and why. Runs as its
/// own job after the disabling commits, so a mail failure never rolls back (or repeats) the delivery bookkeeping.
/// </summary>
internal sealed class WebhookDisabledNotifier(PlatformDbContext db, TenantContext tenant, IEmailSender email)
{
    public async Task NotifyAsync(Guid tenantId, Guid endpointId, CancellationToken ct)
    {
        tenant.Set(tenantId);
        var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == endpointId, ct);
        if (endpoint is null || endpoint.Enabled)
        {
            return;
        }

        var adminIds = await db.Set<TenantMembership>().AsNoTracking()
            .Where(m => m.Role == PlatformRoles.Owner || m.Role == PlatformRoles.Admin)
            .Select(m => m.UserId).ToListAsync(ct);
        var recipients = await db.Set<PlatformUser>().AsNoTracking()
            .Where(u => adminIds.Contains(u.Id) && u.Email != null)
            .Select(u => u.Email!).ToListAsync(ct);

        var reason = endpoint.DisabledReason == DisabledReasons.Gone
            ? "it answered 410 Gone"
            : "every delivery to it has failed for 5 days";
        foreach (var to in recipients)
        {
            await email.SendAsync(new EmailMessage(to, "A webhook endpoint was disabled",
                $"Deliveries to {endpoint.Url} have stopped because {reason}.\n\n" +
                "Fix the receiver, then enable the endpoint again (PATCH /api/v1/webhooks/endpoints/" +
                $"{endpoint.Id} with {{\"enabled\": true}}) and redeliver what it missed from its delivery log."), ct);
        }
    }
}

using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Outbox;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Webhooks;

/// <summary>
/// Daily: keeps the delivery log (and dispatched outbox rows) for the retention period. The recurring job only
/// lists tenants; each tenant's deletion is its own job that takes the tenant id and sets it (RLS needs it).
/// </summary>
internal sealed class WebhookCleanupJob(
    PlatformDbContext db, TenantContext tenant, IBackgroundJobClient jobs,
    IOptionsMonitor<WebhookOptions> webhookOptions, IOptions<OutboxOptions> outboxOptions, TimeProvider clock)
{
    public const string RecurringJobId = "webhooks-cleanup";

    public async Task EnqueueAllTenantsAsync()
    {
        var tenants = await db.Set<Tenant>().AsNoTracking().Select(t => t.Id).ToListAsync();
        foreach (var id in tenants)
        {
            jobs.Enqueue<WebhookCleanupJob>(j => j.CleanTenantAsync(id, CancellationToken.None));
        }
    }

    public async Task CleanTenantAsync(Guid tenantId, CancellationToken ct)
    {
        tenant.Set(tenantId);
        var now = clock.GetUtcNow();
        var logCutoff = now - webhookOptions.CurrentValue.LogRetention;
        var outboxCutoff = now - outboxOptions.Value.Retention;
        // Attempts and deliveries cascade from their rows; pending deliveries are never cut short.
        await db.Set<WebhookDelivery>().Where(d => d.CreatedAt < logCutoff && d.Status != DeliveryStatus.Pending).ExecuteDeleteAsync(ct);
        await db.Set<OutboxMessage>()
            .Where(m => m.DispatchedAt < outboxCutoff && !db.Set<WebhookDelivery>().Any(d => d.EventId == m.Id))
            .ExecuteDeleteAsync(ct);
    }
}

/// <summary>Registers the daily cleanup with Hangfire when the host starts (never on the migrate/openapi path).</summary>
internal sealed class WebhookRecurringJobs(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<WebhookCleanupJob>(
            WebhookCleanupJob.RecurringJobId, j => j.EnqueueAllTenantsAsync(), Cron.Daily(3));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BackgroundJobs;
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
            jobs.Enqueue<WebhookCleanupJob>(JobQueues.Periodic, j => j.CleanTenantAsync(id, CancellationToken.None));
        }
    }

    public async Task CleanTenantAsync(Guid tenantId, CancellationToken ct)
    {
        tenant.Set(tenantId);
        var now = clock.GetUtcNow();
        var logCutoff = now - webhookOptions.CurrentValue.LogRetention;
        var undeliveredCutoff = now - webhookOptions.CurrentValue.UndeliveredRetention;
        // Attempts cascade from their deliveries; pending deliveries are never cut short, and undelivered ones are kept
        // for their own (documented) period after their last attempt, for bulk redelivery after an outage.
        await db.Set<WebhookDelivery>().Where(d => d.Status == DeliveryStatus.Succeeded && d.CreatedAt < logCutoff).ExecuteDeleteAsync(ct);
        await db.Set<WebhookDelivery>()
            .Where(d => d.Status == DeliveryStatus.Failed && (d.LastAttemptAt ?? d.CreatedAt) < undeliveredCutoff)
            .ExecuteDeleteAsync(ct);
        await db.Database.ExecuteSqlRawAsync(Outbox.OutboxLaneSql.Cleanup,
            [new Npgsql.NpgsqlParameter("t", tenantId), new Npgsql.NpgsqlParameter("cutoff", now - outboxOptions.Value.Retention)], ct);
    }
}

/// <summary>
/// Registers the daily cleanup with Hangfire when the host starts (never on the migrate/openapi path), and says at
/// start-up when loopback receivers are allowed (the development run command turns that on; nothing else should).
/// </summary>
internal sealed partial class WebhookRecurringJobs(IServiceProvider services, IOptions<WebhookOptions> options, ILogger<WebhookRecurringJobs> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AllowLoopback)
        {
            LogLoopbackAllowed(logger);
        }

        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<WebhookCleanupJob>(
            WebhookCleanupJob.RecurringJobId, j => j.EnqueueAllTenantsAsync(), Cron.Daily(3));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks:AllowLoopback is on: webhook endpoints may be http loopback receivers (127.0.0.1, localhost). Development only.")]
    private static partial void LogLoopbackAllowed(ILogger logger);
}

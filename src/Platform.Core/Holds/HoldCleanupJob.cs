using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BackgroundJobs;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Holds;

/// <summary>
/// Tidies up: marks holds past their expiry as expired and returns their stock, tenant by tenant. Correctness never
/// waits for it (stock returns by time alone, inline), it only keeps availability figures and counters current.
/// </summary>
public sealed class HoldCleanupJob(IServiceScopeFactory scopes, ILogger<HoldCleanupJob> logger)
{
    public const string JobId = "holds-cleanup";

    public async Task RunAsync(CancellationToken ct)
    {
        List<Guid> tenantIds;
        using (var scope = scopes.CreateScope())
        {
            tenantIds = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<Tenant>().AsNoTracking()
                .Select(t => t.Id).ToListAsync(ct);
        }

        foreach (var tenantId in tenantIds)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            var expired = await scope.ServiceProvider.GetRequiredService<HoldService>().ReclaimAllExpiredAsync(ct);
            if (expired > 0)
            {
                logger.LogInformation("Expired {Count} holds of tenant {TenantId}", expired, tenantId);
            }
        }
    }
}

/// <summary>Registers the cleanup as a Hangfire recurring job when this process runs the Hangfire server.</summary>
internal sealed class HoldCleanupRegistration(IServiceProvider services, IOptions<BackgroundJobOptions> jobs, IOptions<HoldOptions> holds,
    ILogger<HoldCleanupRegistration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!jobs.Value.RunServer)
        {
            return Task.CompletedTask;
        }

        try
        {
            services.GetRequiredService<IRecurringJobManager>()
                .AddOrUpdate<HoldCleanupJob>(HoldCleanupJob.JobId, j => j.RunAsync(CancellationToken.None), holds.Value.CleanupCron);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage not migrated yet (e.g. a first start before `migrate`): holds still expire by time.
            logger.LogWarning(ex, "Could not register the hold cleanup job");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

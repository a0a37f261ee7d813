using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BackgroundJobs;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Payments.Stripe.Balance;

/// <summary>
/// Hourly: one sync job per tenant (each sets its tenant, as RLS needs, and retries on its own); the API enqueues the
/// same per-tenant job for "sync now". A tenant without a Stripe account finishes at once.
/// </summary>
public sealed class StripeBalanceSyncJob(IServiceScopeFactory scopes, IBackgroundJobClient jobs, ILogger<StripeBalanceSyncJob> logger)
{
    public const string RecurringJobId = "stripe-balance-sync";

    public async Task EnqueueAllTenantsAsync()
    {
        List<Guid> tenants;
        using (var scope = scopes.CreateScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<Tenant>().AsNoTracking().Select(t => t.Id).ToListAsync();
        }

        foreach (var id in tenants)
        {
            // The hourly fan-out waits behind whatever a person started ("sync now" included): JobQueues.
            jobs.Enqueue<StripeBalanceSyncJob>(JobQueues.Periodic, j => j.SyncTenantAsync(id, CancellationToken.None));
        }
    }

    public async Task SyncTenantAsync(Guid tenantId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        if (await scope.ServiceProvider.GetRequiredService<StripeBalanceSync>().SyncAsync(ct) is { } result)
        {
            logger.LogInformation("Stripe balance sync {TenantId}: {Listed} listed, {Added} new, {Payouts} payouts",
                tenantId, result.Listed, result.Added, result.Payouts);
        }
    }
}

internal sealed class StripeBalanceSyncRegistration(IServiceProvider services, IOptions<BackgroundJobOptions> jobs,
    ILogger<StripeBalanceSyncRegistration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (jobs.Value.RunServer)
        {
            try
            {
                services.GetRequiredService<IRecurringJobManager>()
                    .AddOrUpdate<StripeBalanceSyncJob>(StripeBalanceSyncJob.RecurringJobId, j => j.EnqueueAllTenantsAsync(), Cron.Hourly(17));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not register the Stripe balance sync job");
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Webhooks;

/// <summary>
/// The delivery worker pool: <see cref="WebhookOptions.DeliveryWorkers"/> workers take tenants with due deliveries from
/// a queue and run one <see cref="WebhookDeliveryBatch"/> each (claim up to a batch with one statement, send side by
/// side, record with one SaveChanges). A full batch queues its tenant again before sending, so a burst is spread over
/// the workers; a retry wakes its tenant at its due time (in-process timer; the outbox sweep catches timers a crash
/// lost, see <see cref="WebhookFanOut.RecoverAsync"/>). Several nodes share the rows through SKIP LOCKED and leases.
/// </summary>
internal sealed partial class WebhookDeliveryPool(
    IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDeliveryPool> logger) : BackgroundService
{
    private readonly Channel<Guid> queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, byte> queued = new();

    public void Wake(Guid tenantId)
    {
        if (queued.TryAdd(tenantId, 0))
        {
            queue.Writer.TryWrite(tenantId);
        }
    }

    /// <summary>Wakes the tenant once <paramref name="due"/> has passed (a retry's time), never before it.</summary>
    public void WakeAt(Guid tenantId, DateTimeOffset due) => DueTimer.At(clock, due, () => Wake(tenantId));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.DeliveryWorkers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var tenantId in queue.Reader.ReadAllAsync(ct))
            {
                queued.TryRemove(tenantId, out _);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<WebhookDeliveryBatch>().RunAsync(tenantId, this, ct);
                }
#pragma warning disable CA1031 // A worker must outlive any one failed batch.
                catch (Exception e) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    // Claimed deliveries keep their lease and are claimed again once it runs out (the sweep wakes them).
                    // A cancellation that is not the host's (a timeout somewhere below) is one more failed batch: it
                    // must not end this worker, which would leave the pool a worker short until the process restarts.
                    LogBatchFailed(logger, tenantId, e);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook delivery batch for tenant {TenantId} failed; it will be retried")]
    private static partial void LogBatchFailed(ILogger logger, Guid tenantId, Exception e);
}

using System.Collections.Concurrent;

namespace Platform.Outbox;

/// <summary>
/// Which tenants a lane's workers are dispatching right now, and whether work arrived for one of them meanwhile.
/// A worker that finds the tenant busy cannot dispatch it (the running batch holds the lane's advisory lock, so it would
/// read nothing); without this, the notification that brought it would be spent and rows committed while the batch ran
/// would wait for the sweep. Instead the busy worker is asked to go round once more when its batch ends.
/// </summary>
internal sealed class LaneRuns
{
    private const int Running = 1;
    private const int RunAgain = 2;

    private readonly ConcurrentDictionary<Guid, int> runs = new();

    /// <summary>True: the caller now runs the tenant. False: another worker does and will run it again.</summary>
    public bool TryEnter(Guid tenantId) => runs.AddOrUpdate(tenantId, Running, (_, _) => RunAgain) == Running;

    /// <summary>
    /// Called by the running worker after a round. True: someone asked for another round (the caller keeps the tenant
    /// and runs again). False: the tenant is released.
    /// </summary>
    public bool ExitOrContinue(Guid tenantId)
    {
        // Compare-and-remove: a request that lands after this succeeds finds no entry and becomes the runner itself.
        if (runs.TryRemove(KeyValuePair.Create(tenantId, Running)))
        {
            return false;
        }

        runs[tenantId] = Running;
        return true;
    }

    /// <summary>Releases the tenant whatever was asked (cancellation).</summary>
    public void Abandon(Guid tenantId) => runs.TryRemove(tenantId, out _);
}

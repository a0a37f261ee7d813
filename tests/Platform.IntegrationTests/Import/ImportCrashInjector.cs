using System.Collections.Concurrent;
using Platform.Import;

namespace Platform.IntegrationTests.Import;

/// <summary>
/// Kills an armed import job after a chosen committed batch, as a dead worker would leave it: the batch and its resume
/// cursor are committed, the next batch never begins. Armed per job, once (the resumed run goes through).
/// </summary>
public sealed class ImportCrashInjector : IImportFaults
{
    private readonly ConcurrentDictionary<Guid, int> armed = new();

    public void Arm(Guid jobId, int afterOrders) => armed[jobId] = afterOrders;

    public void BatchCommitted(Guid jobId, int ordersDone)
    {
        if (armed.TryRemove(new KeyValuePair<Guid, int>(jobId, ordersDone)))
        {
            throw new SimulatedImportCrashException(jobId, ordersDone);
        }
    }
}

public sealed class SimulatedImportCrashException(Guid jobId, int ordersDone) : Exception($"Simulated crash of import {jobId} after {ordersDone} orders.");

using System.Collections.Concurrent;
using global::Platform.Outbox;
using Platform.Tenancy;

namespace Platform.IntegrationTests.Outbox;

/// <summary>
/// A test-only outbox consumer that, for a gated tenant, blocks in its batch until the test opens the gate — the
/// slowest consumer imaginable (a stalled webhook fan-out, a hanging mail server). Ungated tenants pass straight through.
/// </summary>
public sealed class GatedLane(TenantContext tenant) : IOutboxHandler
{
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource> Gates = new();

    public static ConcurrentDictionary<Guid, ConcurrentQueue<string>> Seen { get; } = new();

    public string Lane => "test-gated";

    public static void Close(Guid tenantId) => Gates[tenantId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Open(Guid tenantId)
    {
        if (Gates.TryRemove(tenantId, out var gate))
        {
            gate.TrySetResult();
        }
    }

    public async Task HandleAsync(IReadOnlyList<OutboxEvent> events, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        if (Gates.TryGetValue(tenantId, out var gate))
        {
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        }

        foreach (var e in events)
        {
            Seen.GetOrAdd(tenantId, _ => new ConcurrentQueue<string>()).Enqueue(e.Type);
        }
    }

    public Task CommittedAsync(CancellationToken ct) => Task.CompletedTask;

    public Task RecoverAsync(CancellationToken ct) => Task.CompletedTask;
}

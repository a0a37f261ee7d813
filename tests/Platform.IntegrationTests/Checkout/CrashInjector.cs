using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Platform.Checkout;

namespace Platform.IntegrationTests.Checkout;

/// <summary>
/// Stops an idempotent request at a named point as a kill -9 would: the armed request throws there, and so does every
/// later point of the same request (the filter's clean-up included), so nothing the dead process would not have done
/// runs. Armed per Idempotency-Key, once.
/// </summary>
public sealed class CrashInjector : IIdempotencyFaults
{
    private const string Crashed = "test.crashed";
    private readonly ConcurrentDictionary<string, string> armed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Key, string Point), Pause> pauses = new();
    private readonly ConcurrentDictionary<(string Key, string Point), bool> failures = new();

    public void Arm(string idempotencyKey, string point) => armed[idempotencyKey] = point;

    /// <summary>Makes the next request with this key fail at <paramref name="point"/> like a bug would (the filter's clean-up runs).</summary>
    public void Fail(string idempotencyKey, string point) => failures[(idempotencyKey, point)] = true;

    /// <summary>Holds the next request with this key at <paramref name="point"/> until the pause is released.</summary>
    public Pause PauseAt(string idempotencyKey, string point) => pauses[(idempotencyKey, point)] = new Pause();

    public void At(string point, HttpContext http)
    {
        var requestKey = http.Request.Headers[IdempotencyFilter.Header].ToString();
        if (pauses.TryRemove((requestKey, point), out var pause))
        {
            pause.Hold();
        }

        if (failures.TryRemove((requestKey, point), out _))
        {
            throw new InvalidOperationException($"Simulated failure at '{point}'.");
        }

        if (http.Items.ContainsKey(Crashed))
        {
            throw new SimulatedCrashException(point);
        }

        var key = http.Request.Headers[IdempotencyFilter.Header].ToString();
        if (key.Length > 0 && armed.TryRemove(new KeyValuePair<string, string>(key, point)))
        {
            http.Items[Crashed] = true;
            throw new SimulatedCrashException(point);
        }
    }
}

public sealed class SimulatedCrashException(string point) : Exception($"Simulated crash at '{point}'.");

/// <summary>A request held at a fault point: <see cref="Reached"/> completes when it arrives, <see cref="Release"/> lets it go on.</summary>
public sealed class Pause
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim released = new();

    public Task Reached => reached.Task;

    public void Release() => released.Set();

    // The fault points are synchronous; blocking the request's thread is what a slow step would do too.
    internal void Hold()
    {
        reached.TrySetResult();
        released.Wait(TimeSpan.FromSeconds(60));
    }
}

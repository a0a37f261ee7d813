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

    public void Arm(string idempotencyKey, string point) => armed[idempotencyKey] = point;

    public void At(string point, HttpContext http)
    {
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

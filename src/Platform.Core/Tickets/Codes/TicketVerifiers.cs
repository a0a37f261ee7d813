using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.ObjectPool;

namespace Platform.Tickets.Codes;

/// <summary>
/// Imported public keys, reused across scans. Importing an EC public key is not free (the platform's crypto library
/// checks that the point lies on the curve and has the curve's order: a scalar multiplication, about as much again as
/// the verification), and a gate scan used to pay it every time. Pools are keyed by the key's coordinates — what the
/// key IS — never by its kid alone: two tenants' keys, or a key id reused after a restore, never share a verifier.
/// ECDsa instances are not documented as safe for concurrent use, so each is rented by one verification at a time.
/// </summary>
internal static class TicketVerifiers
{
    /// <summary>Far above any real count of published keys (tenants × rotations on one node); past it the map starts over.</summary>
    private const int MaxKeys = 4096;

    private static readonly DefaultObjectPoolProvider Provider = new() { MaximumRetained = Environment.ProcessorCount * 4 };
    private static readonly ConcurrentDictionary<(string X, string Y), ObjectPool<ECDsa>> Pools = new();

    /// <summary>True when the payload is well formed and its signature verifies with <paramref name="key"/>.</summary>
    public static bool Verify(TicketPublicKey key, string? payload)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Pools.Count >= MaxKeys)
        {
            Pools.Clear();
        }

        var pool = Pools.GetOrAdd((key.X, key.Y), static (_, k) => Provider.Create(new Policy(k.Parameters)), key);
        var ecdsa = pool.Get();
        try
        {
            return TicketCode.VerifySignature(payload, ecdsa);
        }
        finally
        {
            pool.Return(ecdsa);
        }
    }

    private sealed class Policy(ECParameters parameters) : IPooledObjectPolicy<ECDsa>
    {
        public ECDsa Create() => ECDsa.Create(parameters);

        public bool Return(ECDsa obj) => true;
    }
}

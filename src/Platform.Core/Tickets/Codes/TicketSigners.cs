using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.ObjectPool;

namespace Platform.Tickets.Codes;

/// <summary>
/// Decrypted, imported signing keys, reused across payments — the signing twin of <see cref="TicketVerifiers"/>. Every
/// paid order used to decrypt its tenant's key (Data Protection) and import it (PKCS#8 parsing and the library's check
/// that the public point matches the private scalar: a scalar multiplication) before one signature. Pools are keyed by
/// the stored ciphertext — what the key IS, unique per key — so a rotation (a new row) or a restore never signs with a
/// stale key; which key is active is still read from the database on every use. The decrypted key stays in this
/// process's memory, as OpenIddict's signing keys and the Data Protection key ring already do; it never reaches a log,
/// a response or the database. ECDsa instances are not documented as safe for concurrent use: one signer at a time each.
/// </summary>
internal static class TicketSigners
{
    /// <summary>Far above any real count of active keys on one node; past it the map starts over.</summary>
    private const int MaxKeys = 4096;

    private static readonly DefaultObjectPoolProvider Provider = new() { MaximumRetained = Environment.ProcessorCount * 4 };
    private static readonly ConcurrentDictionary<string, ObjectPool<ECDsa>> Pools = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="sign"/> with the key stored as <paramref name="protectedKey"/>, decrypting it on first use only.</summary>
    public static T Use<T>(string protectedKey, Func<byte[]> decrypt, Func<ECDsa, T> sign)
    {
        ArgumentNullException.ThrowIfNull(decrypt);
        ArgumentNullException.ThrowIfNull(sign);
        if (Pools.Count >= MaxKeys)
        {
            Pools.Clear();
        }

        var pool = Pools.GetOrAdd(protectedKey, static (_, d) => Provider.Create(new Policy(Import(d()))), decrypt);
        var key = pool.Get();
        try
        {
            return sign(key);
        }
        finally
        {
            pool.Return(key);
        }
    }

    /// <summary>The key's parameters, read once from its PKCS#8 form (the decrypted bytes are cleared at once).</summary>
    private static ECParameters Import(byte[] pkcs8)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return key.ExportParameters(includePrivateParameters: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private sealed class Policy(ECParameters parameters) : IPooledObjectPolicy<ECDsa>
    {
        public ECDsa Create() => ECDsa.Create(parameters);

        public bool Return(ECDsa obj) => true;
    }
}

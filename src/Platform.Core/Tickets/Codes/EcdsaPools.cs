using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.ObjectPool;

namespace Platform.Tickets.Codes;

/// <summary>
/// Imported ECDSA keys kept for reuse, one small pool per key, for <see cref="TicketVerifiers"/> (gate scans) and
/// <see cref="TicketSigners"/> (payments): importing a key costs several times what one signature or verification
/// does. <typeparamref name="TKey"/> must say what the key IS (its coordinates, its stored ciphertext), never a name
/// such as a kid that two keys could share. ECDsa instances are not documented as safe for concurrent use, so each is
/// rented by one operation at a time.
/// </summary>
internal sealed class EcdsaPools<TKey>
    where TKey : notnull
{
    /// <summary>Far above any real count of keys in use on one node (tenants × rotations); past it the map starts over.</summary>
    private const int MaxKeys = 4096;

    private static readonly DefaultObjectPoolProvider Provider = new() { MaximumRetained = Environment.ProcessorCount * 4 };
    private readonly ConcurrentDictionary<TKey, ObjectPool<ECDsa>> pools;

    public EcdsaPools(IEqualityComparer<TKey>? comparer = null) => pools = new(comparer);

    /// <summary>Runs <paramref name="use"/> with a key imported from <paramref name="parameters"/>, called on the key's first use only.</summary>
    public T Use<TState, T>(TKey key, Func<TState, ECParameters> parameters, TState state, Func<ECDsa, T> use)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(use);
        if (pools.Count >= MaxKeys)
        {
            pools.Clear();
        }

        var pool = pools.GetOrAdd(key, static (_, s) => Provider.Create(new Policy(s.Parameters(s.State))), (Parameters: parameters, State: state));
        var ecdsa = pool.Get();
        try
        {
            return use(ecdsa);
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

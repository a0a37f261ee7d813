using System.Security.Cryptography;

namespace Platform.WaitingRoom;

/// <summary>
/// Deals the arrivals before the on-sale time their positions: a uniform random permutation (Fisher–Yates), so
/// arriving first before opening is worth nothing. Production draws from the operating system's cryptographic
/// generator (a bot cannot predict or replay the draw); tests pass a seeded generator to check the statistics.
/// </summary>
public static class PreQueueShuffle
{
    public static void Shuffle<T>(IList<T> items, Func<int, int>? nextBelow = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        nextBelow ??= RandomNumberGenerator.GetInt32;
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = nextBelow(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

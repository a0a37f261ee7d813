using System.Collections.Concurrent;

namespace Platform.WaitingRoom;

/// <summary>
/// Public hold attempts per second for events whose room is armed (switch-on "auto"), measured in this node's memory:
/// per event a ring of one-second buckets over <see cref="WaitingRoomOptions.AutoWindow"/>, a few adds under a short
/// per-event lock per hold. Only armed rooms' events are metered, and an event's meter is dropped when its room switches on, so the
/// dictionary holds at most the armed rooms this node has seen traffic for.
/// </summary>
public sealed class ArrivalMeter(TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Ring> rings = new();

    /// <summary>Counts one arrival; returns the arrivals per second over the window, this one included.</summary>
    public double Hit(Guid eventId, TimeSpan window)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(window.TotalSeconds));
        var ring = rings.GetOrAdd(eventId, _ => new Ring(seconds));
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return ring.Add(now) / (double)ring.Length;
    }

    public void Forget(Guid eventId) => rings.TryRemove(eventId, out _);

    /// <summary>One bucket per second, each stamped with its second so a stale bucket counts as empty.</summary>
    private sealed class Ring(int length)
    {
        private readonly long[] stamps = new long[length];
        private readonly int[] counts = new int[length];

        public int Length => length;

        public int Add(long second)
        {
            var i = (int)(second % length);
            lock (this)
            {
                if (stamps[i] != second)
                {
                    stamps[i] = second;
                    counts[i] = 0;
                }

                counts[i]++;
                var total = 0;
                for (var j = 0; j < length; j++)
                {
                    total += second - stamps[j] < length ? counts[j] : 0;
                }

                return total;
            }
        }
    }
}

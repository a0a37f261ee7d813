using System.Collections.Concurrent;

namespace Platform.Observability;

/// <summary>The checkout steps the live window counts.</summary>
internal enum LiveStep
{
    Hold,
    Order,
    Payment,
}

/// <summary>
/// The last minute of one scope (platform, tenant or event) in 60 one-second slots: requests, latency histogram,
/// checkout attempts and successes, and problem codes. Writers add with Interlocked; a slot is reset under its lock
/// only when a new second first reaches it, so the hot path takes no lock. A request that races a reset may land in
/// the neighbouring second — fine for a dashboard, which is what this is for (Prometheus has the exact counters).
/// </summary>
internal sealed class LiveWindow
{
    public const int Seconds = 60;

    /// <summary>Upper bounds (ms) of the latency buckets; the last bucket is open-ended.</summary>
    public static readonly double[] LatencyBoundsMs = [1, 2, 5, 10, 20, 35, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2500, 5000, 10000];

    private readonly Slot[] slots = [.. Enumerable.Range(0, Seconds).Select(_ => new Slot())];

    /// <summary>Unix second of the last write (for dropping idle windows).</summary>
    public long LastSecond;

    public void Record(long second, double elapsedMs, int status, LiveStep? step, string? problemCode)
    {
        Volatile.Write(ref LastSecond, second);
        var slot = SlotFor(second);
        Interlocked.Increment(ref slot.Requests);
        Interlocked.Increment(ref slot.Latency[Bucket(elapsedMs)]);
        if (status >= 500)
        {
            Interlocked.Increment(ref slot.ServerErrors);
        }

        // A 202 is a payment the provider settles later: it counts when its outcome arrives (RecordOutcome).
        if (step is { } s && status != 202)
        {
            Interlocked.Increment(ref slot.Attempts[(int)s]);
            if (status is >= 200 and < 300)
            {
                Interlocked.Increment(ref slot.Successes[(int)s]);
            }
        }

        if (problemCode is not null)
        {
            slot.Codes.AddOrUpdate(problemCode, 1, static (_, n) => n + 1);
        }
    }

    /// <summary>An outcome decided after the request (a Stripe payment's webhook), with its decline code when it failed.</summary>
    public void RecordOutcome(long second, LiveStep step, bool succeeded, string? code)
    {
        Volatile.Write(ref LastSecond, second);
        var slot = SlotFor(second);
        Interlocked.Increment(ref slot.Attempts[(int)step]);
        if (succeeded)
        {
            Interlocked.Increment(ref slot.Successes[(int)step]);
        }
        else if (code is not null)
        {
            slot.Codes.AddOrUpdate(code, 1, static (_, n) => n + 1);
        }
    }

    private Slot SlotFor(long second)
    {
        var slot = slots[second % Seconds];
        if (Volatile.Read(ref slot.Second) != second)
        {
            lock (slot)
            {
                if (slot.Second != second)
                {
                    slot.Reset();
                    Volatile.Write(ref slot.Second, second);
                }
            }
        }

        return slot;
    }

    private static int Bucket(double ms)
    {
        var i = Array.BinarySearch(LatencyBoundsMs, ms);
        return i >= 0 ? i : ~i;
    }

    /// <summary>Sums the slots of the minute ending with <paramref name="now"/> (the current, partial second included).</summary>
    public LiveSnapshot Snapshot(long now)
    {
        var snapshot = new LiveSnapshot(new long[LatencyBoundsMs.Length + 1], new long[3], new long[3], new Dictionary<string, long>(StringComparer.Ordinal),
            new LivePoint[Seconds]);
        for (var k = 0; k < Seconds; k++)
        {
            var second = now - Seconds + 1 + k;
            var slot = slots[second % Seconds];
            var point = new LivePoint(DateTimeOffset.FromUnixTimeSeconds(second), 0, 0, 0, 0);
            if (Volatile.Read(ref slot.Second) == second)
            {
                point = point with
                {
                    Requests = Interlocked.Read(ref slot.Requests),
                    Orders = Interlocked.Read(ref slot.Successes[(int)LiveStep.Order]),
                    Payments = Interlocked.Read(ref slot.Successes[(int)LiveStep.Payment]),
                    ServerErrors = Interlocked.Read(ref slot.ServerErrors),
                };
                for (var b = 0; b < slot.Latency.Length; b++)
                {
                    snapshot.Latency[b] += Interlocked.Read(ref slot.Latency[b]);
                }

                for (var s = 0; s < 3; s++)
                {
                    snapshot.Attempts[s] += Interlocked.Read(ref slot.Attempts[s]);
                    snapshot.Successes[s] += Interlocked.Read(ref slot.Successes[s]);
                }

                foreach (var (code, n) in slot.Codes)
                {
                    snapshot.Codes[code] = snapshot.Codes.GetValueOrDefault(code) + n;
                }
            }

            snapshot.Series[k] = point;
        }

        return snapshot;
    }

    private sealed class Slot
    {
        public long Second = -1;
        public long Requests;
        public long ServerErrors;
        public readonly long[] Latency = new long[LatencyBoundsMs.Length + 1];
        public readonly long[] Attempts = new long[3];
        public readonly long[] Successes = new long[3];
        public readonly ConcurrentDictionary<string, long> Codes = new(StringComparer.Ordinal);

        public void Reset()
        {
            Requests = 0;
            ServerErrors = 0;
            Array.Clear(Latency);
            Array.Clear(Attempts);
            Array.Clear(Successes);
            Codes.Clear();
        }
    }
}

internal sealed record LivePoint(DateTimeOffset At, long Requests, long Orders, long Payments, long ServerErrors);

internal sealed record LiveSnapshot(long[] Latency, long[] Attempts, long[] Successes, Dictionary<string, long> Codes, LivePoint[] Series)
{
    /// <summary>
    /// The q-quantile in ms, interpolated linearly inside its bucket (so it is as exact as the bucket bounds allow);
    /// null without requests. The open last bucket reports its lower bound.
    /// </summary>
    public double? PercentileMs(double q)
    {
        var total = Latency.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = q * total;
        long seen = 0;
        for (var b = 0; b < Latency.Length; b++)
        {
            if (Latency[b] == 0 || seen + Latency[b] < rank)
            {
                seen += Latency[b];
                continue;
            }

            var bounds = LiveWindow.LatencyBoundsMs;
            var lower = b == 0 ? 0 : bounds[b - 1];
            if (b == bounds.Length)
            {
                return lower;
            }

            return Math.Round(lower + ((bounds[b] - lower) * (rank - seen) / Latency[b]), 1);
        }

        return LiveWindow.LatencyBoundsMs[^1];
    }
}

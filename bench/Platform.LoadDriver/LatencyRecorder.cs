using System.Collections.Concurrent;

namespace Platform.LoadDriver;

/// <summary>Thread-safe tally of one operation: latencies of successes and counts of every status.</summary>
public sealed class OperationStats(string name)
{
    private readonly ConcurrentBag<double> latenciesMs = [];
    private readonly ConcurrentBag<double> rejectedMs = [];
    private readonly ConcurrentDictionary<int, int> statuses = new();
    private int successes;

    public string Name { get; } = name;

    public int Successes => successes;

    public IReadOnlyDictionary<int, int> Statuses => statuses;

    public void Record(int status, double elapsedMs, bool success)
    {
        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (success)
        {
            Interlocked.Increment(ref successes);
            latenciesMs.Add(elapsedMs);
        }
        else if (status == 429)
        {
            rejectedMs.Add(elapsedMs);
        }
    }

    /// <summary>Latency percentile of the successes.</summary>
    public double Percentile(double p) => Percentile(latenciesMs, p);

    /// <summary>Latency percentile of the 429 answers (how quickly the excess is turned away), NaN when none.</summary>
    public double RejectedPercentile(double p) => Percentile(rejectedMs, p);

    private static double Percentile(ConcurrentBag<double> latencies, double p)
    {
        var sorted = latencies.ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

/// <summary>All operations of one scenario run.</summary>
public sealed class RunStats
{
    private readonly ConcurrentDictionary<string, OperationStats> operations = new();

    public OperationStats For(string operation) => operations.GetOrAdd(operation, name => new OperationStats(name));

    public IEnumerable<OperationStats> Operations => operations.Values.OrderBy(o => o.Name, StringComparer.Ordinal);
}

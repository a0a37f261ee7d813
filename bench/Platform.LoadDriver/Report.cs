using System.Globalization;

namespace Platform.LoadDriver;

/// <summary>Prints a run's figures, each with its ratio to the baselines measured in the same run.</summary>
public static class Report
{
    public static void Print(TextWriter output, string scenario, RunStats stats, TimeSpan elapsed, IReadOnlyDictionary<string, double> baselines)
    {
        var seconds = elapsed.TotalSeconds;
        output.WriteLine(Invariant($"== {scenario}: {seconds:F1} s"));
        foreach (var op in stats.Operations)
        {
            var rate = op.Successes / seconds;
            var statuses = string.Join(", ", op.Statuses.OrderBy(s => s.Key).Select(s => Invariant($"{s.Key}:{s.Value}")));
            output.WriteLine(Invariant(
                $"  {op.Name,-22} ok/s {rate,9:F1}  p50 {op.Percentile(50),7:F1} ms  p95 {op.Percentile(95),7:F1} ms  p99 {op.Percentile(99),7:F1} ms  statuses [{statuses}]"));
            if (op.Statuses.ContainsKey(429))
            {
                output.WriteLine(Invariant($"  {"",-22} 429 answered in p50 {op.RejectedPercentile(50):F1} ms, p99 {op.RejectedPercentile(99):F1} ms"));
            }

            foreach (var (name, value) in baselines)
            {
                output.WriteLine(Invariant($"  {"",-22} ratio to {name} ({value:F0}/s): {rate / value:F3}"));
            }
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

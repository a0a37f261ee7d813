using System.Diagnostics.Metrics;
using Platform.Observability;

namespace Platform.AntiScalping;

/// <summary>
/// Decisions on public orders (allow, flag, review, block, challenge — a code mailed — and challenge_passed — the right
/// code placed the order), on the platform's meter; blocks and unanswered challenges leave no other trace.
/// </summary>
internal static class RiskMetrics
{
    private static readonly Meter Meter = new(PlatformMetrics.MeterName);

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>("platform.risk.decisions", "{order}",
        "Anti-scalping decisions on public orders, by decision (allow, flag, review, block, challenge, challenge_passed).");

    public const string ChallengePassed = "challenge_passed";

    /// <summary>
    /// What scoring one order costs where it runs (signals + model, in the placing request), so the benchmark reads the
    /// production figure from /metrics (sum / count) instead of timing a copy of the scorer elsewhere (issue #16: ≤ 0.5 ms).
    /// </summary>
    public const string ScoringDurationName = "platform.risk.scoring.duration";

    private static readonly Histogram<double> ScoringDuration = Meter.CreateHistogram<double>(ScoringDurationName, "ms",
        "Time to compute one public order's risk signals and model score.");

    public static void Decided(string decision) => Decisions.Add(1, new KeyValuePair<string, object?>("decision", decision));

    public static void Scored(TimeSpan elapsed) => ScoringDuration.Record(elapsed.TotalMilliseconds);
}

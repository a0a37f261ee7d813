using System.ComponentModel.DataAnnotations;

namespace Platform.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Runs the dispatcher in this process; several instances may run it at once (SKIP LOCKED).</summary>
    public bool RunDispatcher { get; set; } = true;

    /// <summary>How often every tenant is swept, catching events whose notification was missed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Dispatched events are deleted after this long.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}

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

    /// <summary>Workers per lane (tenants served side by side); a lane never waits for another lane.</summary>
    [Range(1, 64)]
    public int LaneWorkers { get; set; } = 2;

    /// <summary>Events every lane has passed are deleted after this long (unless a webhook delivery still refers to them).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}

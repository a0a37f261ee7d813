using System.ComponentModel.DataAnnotations;

namespace Platform.BackgroundJobs;

public sealed class BackgroundJobOptions
{
    public const string Section = "BackgroundJobs";

    /// <summary>Hangfire's own schema in the platform database.</summary>
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$")]
    public string Schema { get; set; } = "hangfire";

    /// <summary>Runs the Hangfire server in this process (the default: one deployable host).</summary>
    public bool RunServer { get; set; } = true;

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often scheduled (delayed) jobs such as webhook retries are moved to the queue.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);
}

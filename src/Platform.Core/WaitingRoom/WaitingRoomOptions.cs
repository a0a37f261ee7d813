using System.ComponentModel.DataAnnotations;

namespace Platform.WaitingRoom;

public sealed class WaitingRoomOptions
{
    public const string Section = "WaitingRoom";

    /// <summary>How long a claimed pass lets its buyer hold tickets.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan PassLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the admitter moves the cursors (the rate is exact over any window whatever this is).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan AdmissionInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a node serves a room's figures from memory: positions, and whether holds need a pass.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether this node runs the admitter (one node at a time admits, under an advisory lock).</summary>
    public bool RunAdmitter { get; set; } = true;

    /// <summary>The window over which an armed room's arrival rate is measured (whole seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan AutoWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often this node samples its active rooms' figures for /metrics (one aggregate query per room).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>At most this many rooms (the longest queues) are exported, keeping the event label bounded.</summary>
    [Range(1, 1000)]
    public int MetricsRoomCap { get; set; } = 20;
}

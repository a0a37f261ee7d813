using System.ComponentModel.DataAnnotations;

namespace Platform.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Development only: allows http and loopback receivers (localhost, 127.0.0.1, ::1).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Delays before each retry; a delivery fails for good after the last. Empty takes the default: the Standard
    /// Webhooks schedule extended to about three days.
    /// </summary>
    public TimeSpan[] RetrySchedule { get; set; } = [];

    public static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10), TimeSpan.FromHours(14),
        TimeSpan.FromHours(14), TimeSpan.FromHours(14),
    ];

    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule.Length > 0 ? RetrySchedule : DefaultRetrySchedule;

    /// <summary>An endpoint failing every attempt for this long is disabled.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long the previous secret keeps signing after a rotation.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deliveries and their attempts are deleted after this long.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan LogRetention { get; set; } = TimeSpan.FromDays(30);
}

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

    /// <summary>The whole retry schedule: an endpoint failing this long when a delivery runs out of retries is disabled.</summary>
    public TimeSpan ScheduleLength => EffectiveRetrySchedule.Aggregate(TimeSpan.Zero, (a, b) => a + b);

    /// <summary>
    /// The tenant's admins are e-mailed once an endpoint has failed this long (and at the latest before a delivery's
    /// last attempt), well before the schedule runs out and the endpoint is disabled.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan NotifyAfterFailingFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Delivery pool workers; each sends one claimed batch at a time, its deliveries side by side.</summary>
    [Range(1, 256)]
    public int DeliveryWorkers { get; set; } = 8;

    /// <summary>Deliveries a worker claims (one statement) and sends at once.</summary>
    [Range(1, 1000)]
    public int DeliveryBatchSize { get; set; } = 32;

    /// <summary>Runs the delivery pool in this process (several nodes may: claims are leased).</summary>
    public bool RunDeliveryPool { get; set; } = true;

    /// <summary>How long the previous secret keeps signing after a rotation.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Delivered deliveries and their attempts are deleted after this long.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan LogRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Undelivered (failed) deliveries, with their event, are kept this long after their last attempt (or creation),
    /// so they can be redelivered in bulk after an outage.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan UndeliveredRetention { get; set; } = TimeSpan.FromDays(30);
}

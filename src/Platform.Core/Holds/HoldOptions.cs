using System.ComponentModel.DataAnnotations;

namespace Platform.Holds;

public sealed class HoldOptions
{
    public const string Section = "Checkout:Holds";

    /// <summary>How long a new hold lasts.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "02:00:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How much one extension adds (a hold can be extended once).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "02:00:00")]
    public TimeSpan Extension { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tickets one buyer (by account, and separately by email) may hold or buy per event.</summary>
    [Range(1, 1000)]
    public int MaxTicketsPerBuyer { get; set; } = 10;

    /// <summary>How often the cleanup job marks expired holds (stock returns by time regardless).</summary>
    public string CleanupCron { get; set; } = "*/5 * * * *";
}

using System.ComponentModel.DataAnnotations;

namespace Platform.AntiScalping;

/// <summary>Anti-scalping settings of the platform (section <c>AntiScalping</c>); each tenant's policy is in <see cref="RiskSettings"/>.</summary>
public sealed class RiskOptions
{
    public const string Section = "AntiScalping";

    /// <summary>How far back the velocity signals count (per node, in memory).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a node serves a tenant's policy from memory before reading it again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan SettingsCacheFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where the risk model is: a file path, or empty for the model shipped inside the platform
    /// (<c>AntiScalping/risk-model.zip</c>, trained by <c>tools/Platform.RiskLab</c>).
    /// </summary>
    public string? ModelPath { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace Platform.Observability;

/// <summary>Configuration section <c>Observability</c>: who may scrape /metrics, label caps, OTLP export.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>
    /// SHA-256 (hex) of the scrape token Prometheus sends as <c>Authorization: Bearer …</c>. Only the hash is
    /// configured, so the token itself lives in the scraper's secret and nowhere in this repository. Empty: only
    /// platform admins' tokens may read /metrics.
    /// </summary>
    public string? ScrapeTokenSha256 { get; set; }

    /// <summary>
    /// Tenants that get their own <c>tenant</c> label value; the first this many tenants seen by this process keep their
    /// id, every later one is counted as <c>other</c>. Bounds the series count per metric (docs/operations.md).
    /// </summary>
    [Range(0, 1000)]
    public int TenantLabelCap { get; set; } = 50;

    /// <summary>Per-event live windows kept in memory for GET /api/v1/live?eventId=; the idlest is dropped beyond this.</summary>
    [Range(10, 100_000)]
    public int LiveEventWindows { get; set; } = 2000;

    /// <summary>OTLP collector (e.g. http://collector:4317). Traces and metrics are exported there only when set.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Directories whose file system's free space is exported as <c>platform_disk_free_ratio</c>.</summary>
    public List<string> DiskPaths { get; set; } = ["."];
}

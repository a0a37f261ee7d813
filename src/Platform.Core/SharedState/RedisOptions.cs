using System.ComponentModel.DataAnnotations;

namespace Platform.SharedState;

/// <summary>
/// The Redis that nodes share counters in (ADR 0061). Unset <see cref="Configuration"/> = no Redis: every counter is
/// this node's own, which is exact for one node and N× the limit on N nodes.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key this platform writes, so one Redis can serve several deployments.</summary>
    [Required]
    public string KeyPrefix { get; set; } = "platform:";

    /// <summary>
    /// How long one Redis command may take before the request gives up on it and counts on this node instead. Short:
    /// it is paid by every limited request while Redis is slow.
    /// </summary>
    [Range(10, 10_000)]
    public int TimeoutMilliseconds { get; set; } = 250;

    /// <summary>After a failure, Redis is not asked again for this long (requests count on this node meanwhile).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(5);
}

using System.ComponentModel.DataAnnotations;

namespace Platform.SharedState;

/// <summary>Where the nodes count the limits they share when no Redis is configured (ADR 0070).</summary>
public sealed class SharedStateOptions
{
    public const string Section = "SharedState";

    /// <summary>
    /// <see cref="SharedLimitStoreKind.Node"/> (default): without Redis each node counts alone — exact for one node.
    /// <see cref="SharedLimitStoreKind.Postgres"/>: several nodes without Redis share their limits in the database.
    /// A configured Redis (<c>Redis:Configuration</c>) is used whatever this says.
    /// </summary>
    public SharedLimitStoreKind Store { get; set; } = SharedLimitStoreKind.Node;

    /// <summary>How long one decision may take before the request counts on this node instead.</summary>
    [Range(10, 10_000)]
    public int TimeoutMilliseconds { get; set; } = 250;

    /// <summary>After a failure, the store is not asked again for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(5);
}

public enum SharedLimitStoreKind
{
    Node,
    Postgres,
}

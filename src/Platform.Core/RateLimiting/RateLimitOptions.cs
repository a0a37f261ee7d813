using System.ComponentModel.DataAnnotations;

namespace Platform.RateLimiting;

/// <summary>A token bucket: <see cref="PermitsPerMinute"/> sustained, up to <see cref="Burst"/> at once.</summary>
public sealed class BucketLimit
{
    [Range(1, 10_000_000)]
    public int PermitsPerMinute { get; set; }

    [Range(1, 10_000_000)]
    public int Burst { get; set; }
}

/// <summary>
/// New holds are refused while <see cref="MaxInFlight"/> checkout requests are in progress on the node (and, with
/// Redis, while <see cref="ClusterMaxInFlight"/> are in progress on all nodes). The default
/// matches the database pool the benchmark uses (64), so checkout requests never time out waiting for a connection.
/// </summary>
public sealed class AdmissionLimit
{
    [Range(1, 100_000)]
    public int MaxInFlight { get; set; } = 64;

    /// <summary>
    /// With Redis configured: new holds are also refused while this many checkout requests are in progress across all
    /// nodes together (<see cref="ClusterAdmission"/>). The nodes share one database, so this is sized to what the
    /// database serves (the default equals one node's cap: adding API nodes adds CPU for pages, not database capacity).
    /// </summary>
    [Range(1, 1_000_000)]
    public int ClusterMaxInFlight { get; set; } = 64;
}

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Per API client (client_id) or user (sub), by the tenant's plan.</summary>
    public Dictionary<string, BucketLimit> Plans { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per IP address for anonymous calls.</summary>
    public BucketLimit Anonymous { get; set; } = new() { PermitsPerMinute = 300, Burst = 60 };

    /// <summary>
    /// Per IP address for credential submissions: POSTs to the token endpoint and the sign-in pages. Strict, because
    /// these are where client secrets and passwords are guessed (account lockout covers one user, not a sweep).
    /// </summary>
    public BucketLimit SignIn { get; set; } = new() { PermitsPerMinute = 60, Burst = 20 };

    /// <summary>The stricter <see cref="RateLimitPolicies.Checkout"/> policy, per client or user (else IP).</summary>
    public BucketLimit Checkout { get; set; } = new() { PermitsPerMinute = 60, Burst = 10 };

    /// <summary>How many checkout requests one node works on before it refuses new holds (<see cref="CheckoutAdmission"/>).</summary>
    public AdmissionLimit CheckoutAdmission { get; set; } = new();

    public static readonly IReadOnlyDictionary<string, BucketLimit> DefaultPlans = new Dictionary<string, BucketLimit>
    {
        [Tenancy.TenantPlans.Free] = new() { PermitsPerMinute = 120, Burst = 30 },
        [Tenancy.TenantPlans.Standard] = new() { PermitsPerMinute = 600, Burst = 100 },
        [Tenancy.TenantPlans.Enterprise] = new() { PermitsPerMinute = 3000, Burst = 500 },
    };

    public BucketLimit ForPlan(string? plan) =>
        plan is not null && Plans.TryGetValue(plan, out var configured) ? configured
        : plan is not null && DefaultPlans.TryGetValue(plan, out var known) ? known
        : DefaultPlans[Tenancy.TenantPlans.Standard];
}

/// <summary>Named policies endpoints attach with RequireRateLimiting.</summary>
public static class RateLimitPolicies
{
    /// <summary>Hold and order creation: a stricter bucket on top of the plan's.</summary>
    public const string Checkout = "checkout";
}

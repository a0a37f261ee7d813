namespace Platform.Observability;

/// <summary>One checkout step over the window: attempts, successes and their ratio (null without attempts).</summary>
public sealed record StepRateResponse(long Attempts, long Succeeded, double? SuccessRate);

public sealed record ErrorCodeCountResponse(string Code, long Count);

/// <summary>Latency over the window in ms, interpolated within fixed histogram buckets; null without requests.</summary>
public sealed record LatencyResponse(double? P50, double? P95, double? P99);

/// <summary>One second of the window, for charts.</summary>
public sealed record LivePointResponse(DateTimeOffset At, long Requests, long Orders, long Payments, long ServerErrors);

/// <summary>This node's resources: CPU share of all cores (%), memory and its database pool (Npgsql's own counts).</summary>
public sealed record ResourceResponse(double CpuPercent, int ProcessorCount, long WorkingSetBytes, long GcHeapBytes, long DbPoolBusy,
    long DbPoolIdle, long DbPoolMax);

/// <summary>Remaining inventory of one occurrence, from its quota counters.</summary>
public sealed record OccurrenceStockResponse(Guid OccurrenceId, DateTimeOffset StartsAt, int Capacity, int Held, int Sold, int Remaining);

/// <summary>
/// The last minute on this node for a scope (platform, tenant, or one event of the tenant): rates, success ratios,
/// problem codes, latency, a per-second series, the node's resources and, for an event, its remaining inventory.
/// </summary>
public sealed record LiveResponse(
    string Scope,
    Guid? TenantId,
    Guid? EventId,
    DateTimeOffset GeneratedAt,
    int WindowSeconds,
    double RequestsPerSecond,
    double OrdersPerSecond,
    StepRateResponse Holds,
    StepRateResponse Orders,
    StepRateResponse Payments,
    IReadOnlyList<ErrorCodeCountResponse> ErrorCodes,
    LatencyResponse LatencyMs,
    long CheckoutInFlight,
    ResourceResponse Resources,
    IReadOnlyList<OccurrenceStockResponse>? Inventory,
    IReadOnlyList<LivePointResponse> Series);

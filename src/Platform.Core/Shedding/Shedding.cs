using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Http;
using Platform.Observability;

namespace Platform.Shedding;

/// <summary>What a request is worth under overload, lowest first.</summary>
public enum ShedClass
{
    /// <summary>Not counted: staff and admin APIs, health, metrics, assets, sign-in.</summary>
    None,

    /// <summary>Browsing and search: public catalogue reads, storefront pages, waiting-room polls.</summary>
    Browse,

    /// <summary>New holds (and joining a waiting room or claiming its pass).</summary>
    Holds,

    /// <summary>Orders and payments: buyers who already hold tickets.</summary>
    Orders,
}

/// <summary>
/// Shedding thresholds on this node's count of buyer requests in flight (browse + holds + orders). A request is
/// refused when the count is at its class's threshold, so as load rises browsing goes first, then holds, and orders
/// and payments last. Per environment in appsettings (<c>Shedding</c>).
/// </summary>
public sealed class SheddingOptions
{
    public const string Section = "Shedding";

    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int BrowseAt { get; set; } = 96;

    [Range(1, 1_000_000)]
    public int HoldsAt { get; set; } = 160;

    [Range(1, 1_000_000)]
    public int OrdersAt { get; set; } = 256;
}

/// <summary>
/// Priority load shedding (issue #16). One shared in-flight count with a threshold per class, not one limiter per
/// group: a ConcurrencyLimiter per route group caps each group on its own, so a pile of orders would never make room
/// by refusing browsing — the point is that cheap, low-value work yields to checkout when the node is full. Refusals
/// are 503 <c>overloaded</c> with Retry-After and are counted (<c>platform.shedding.refused</c>, by class).
/// </summary>
public sealed class ShedGate(IOptions<SheddingOptions> options)
{
    public const string Code = "overloaded";

    private static readonly Meter Meter = new(PlatformMetrics.MeterName);

    private static readonly Counter<long> Refused = Meter.CreateCounter<long>("platform.shedding.refused", "{request}",
        "Requests refused by priority load shedding, by class (browse, holds, orders).");

    private readonly SheddingOptions limits = options.Value;

    private int inFlight;

    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Takes a slot for a request of <paramref name="kind"/>, or false when the node is too busy for it.</summary>
    public bool TryEnter(ShedClass kind)
    {
        var at = kind switch { ShedClass.Browse => limits.BrowseAt, ShedClass.Holds => limits.HoldsAt, _ => limits.OrdersAt };
        if (Interlocked.Increment(ref inFlight) > at)
        {
            Interlocked.Decrement(ref inFlight);
            Refused.Add(1, new KeyValuePair<string, object?>("class", kind.ToString().ToLowerInvariant()));
            return false;
        }

        return true;
    }

    public void Leave() => Interlocked.Decrement(ref inFlight);

    /// <summary>By path and method, before routing, so a refusal costs nothing but this.</summary>
    public static ShedClass Classify(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path.Contains("/orders", StringComparison.OrdinalIgnoreCase) || path.Contains("/payments", StringComparison.OrdinalIgnoreCase)
            || path.Contains("/checkout/", StringComparison.OrdinalIgnoreCase))
        {
            return path.StartsWith("/api/v1/public/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/t/", StringComparison.OrdinalIgnoreCase)
                ? ShedClass.Orders : ShedClass.None;
        }

        var isPublic = path.StartsWith("/api/v1/public/", StringComparison.OrdinalIgnoreCase);
        var isStorefront = path.StartsWith("/t/", StringComparison.OrdinalIgnoreCase);
        if (!isPublic && !isStorefront)
        {
            return ShedClass.None;
        }

        if (HttpMethods.IsPost(request.Method) && (path.EndsWith("/holds", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith("/waiting-room/tickets", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/waiting-room/pass", StringComparison.OrdinalIgnoreCase)
            || path.Contains("/tickets", StringComparison.OrdinalIgnoreCase) && isStorefront || path.EndsWith("/seats", StringComparison.OrdinalIgnoreCase)))
        {
            return ShedClass.Holds;
        }

        return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? ShedClass.Browse : ShedClass.None;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var kind = limits.Enabled ? Classify(context.Request) : ShedClass.None;
        if (kind == ShedClass.None)
        {
            await next(context);
            return;
        }

        if (!TryEnter(kind))
        {
            context.Response.Headers.RetryAfter = "1";
            await ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, Code,
                "This server is at capacity; browsing yields first so that buyers can finish. Retry after 1 second.").ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Leave();
        }
    }
}

public static class SheddingExtensions
{
    public static IHostApplicationBuilder AddShedding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SheddingOptions>().BindConfiguration(SheddingOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.BrowseAt <= o.HoldsAt && o.HoldsAt <= o.OrdersAt, "Shedding thresholds must rise: BrowseAt <= HoldsAt <= OrdersAt.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ShedGate>();
        return builder;
    }

    /// <summary>Early in the pipeline (after error handling and metrics), so shed requests cost almost nothing.</summary>
    public static WebApplication UseShedding(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<ShedGate>();
        app.Use(gate.InvokeAsync);
        return app;
    }
}

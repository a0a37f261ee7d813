using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Authorization;
using Platform.Tenancy;

namespace Platform.Observability;

/// <summary>
/// Measures each request once, outside everything that can refuse or fail it (rate limiting, admission, the exception
/// handler): its latency, status and problem code go to the live windows, and a checkout step (hold, order, payment)
/// adds to <c>platform_checkout_requests_total</c> with the outcome, channel and tenant. Operational endpoints
/// (/metrics, /health) are left out so scrapes and probes do not dilute the figures.
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, LiveStats live, PostEvent.Counts.EventOutcomeBuffer outcomes)
{
    /// <summary>Endpoint names of the checkout steps (Holds/HoldEndpoints, Orders/OrderEndpoints).</summary>
    private static readonly Dictionary<string, LiveStep> Steps = new(StringComparer.Ordinal)
    {
        ["CreatePublicHold"] = LiveStep.Hold,
        ["CreateHold"] = LiveStep.Hold,
        ["CreatePublicOrder"] = LiveStep.Order,
        ["CreateOrder"] = LiveStep.Order,
        ["PayPublicOrder"] = LiveStep.Payment,
        ["PayOrder"] = LiveStep.Payment,
    };

    private static readonly string[] StepNames = ["hold", "order", "payment"];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        // Read the endpoint now: the exception handler clears it before it writes a thrown failure's problem.
        var endpoint = context.GetEndpoint();
        var facts = new RequestFacts
        {
            Route = (endpoint as RouteEndpoint)?.RoutePattern.RawText,
            Step = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { } name && Steps.TryGetValue(name, out var s) ? s : null,
        };
        RequestFacts.Current = facts;
        try
        {
            await next(context);
        }
        finally
        {
            Measure(context, facts, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private void Measure(HttpContext context, RequestFacts facts, double elapsedMs)
    {
        var status = context.Response.StatusCode;
        var step = facts.Step;
        var tenantId = TenantOf(context);
        live.Record(tenantId, facts.EventId, elapsedMs, status, step, facts.ProblemCode);
        if (step is { } measured)
        {
            // 202 is a payment the provider settles later (Stripe): "pending" here, its outcome counted when it arrives.
            var outcome = status == StatusCodes.Status202Accepted ? "pending"
                : status is >= 200 and < 300 ? "success" : facts.ProblemCode ?? $"http_{status}";
            PlatformMetrics.CheckoutRequests.Add(1, PlatformMetrics.CheckoutTags(StepNames[(int)measured], outcome,
                facts.Channel ?? "unknown", PlatformMetrics.TenantLabel(tenantId)));
            if (tenantId is { } tenant && facts.EventId is { } eventId)
            {
                // Kept per event and minute for the post-event report (PostEvent/Counts): an add here, a batched write later.
                outcomes.Record(tenant, eventId, StepNames[(int)measured], outcome);
            }
        }
    }

    /// <summary>The request's tenant: resolved by tenancy (public storefront routes, staff tokens), else the token's claim.</summary>
    internal static Guid? TenantOf(HttpContext context) =>
        context.RequestServices.GetService<TenantContext>()?.TenantId
        ?? (Guid.TryParse(context.User.FindFirstValue(PlatformClaims.TenantId), out var id) ? id : null);
}

using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Observability;

/// <summary>
/// Runs after the host's own problem customization (Http/HttpExtensions) on every problem the platform writes —
/// thrown, returned, framework-made or refused by a limiter: adds <c>traceId</c> (the W3C trace id of the request, the
/// one every log line of the request carries and OTLP exports) and counts the problem's code by route.
/// </summary>
internal static class ProblemTelemetry
{
    public const string TraceIdField = "traceId";

    public static void Configure(IServiceCollection services) =>
        services.PostConfigure<ProblemDetailsOptions>(o =>
        {
            var inner = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = ctx =>
            {
                inner?.Invoke(ctx);
                OnProblem(ctx.HttpContext, ctx.ProblemDetails);
            };
        });

    private static void OnProblem(HttpContext http, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        if (TraceId(http) is { } traceId)
        {
            problem.Extensions[TraceIdField] = traceId;
        }

        var code = problem.Extensions.TryGetValue("code", out var c) && c is string s ? s : "unknown";
        var facts = RequestFacts.Current;
        if (facts is not null)
        {
            facts.ProblemCode = code;
        }

        var route = facts?.Route ?? (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
        var status = problem.Status ?? http.Response.StatusCode;
        PlatformMetrics.Problems.Add(1, new("code", code), new("route", route), new("status", status));
        if (code is "rate_limited" or "checkout_busy" or "overloaded")
        {
            PlatformMetrics.Refusals.Add(1, new("reason", code), new("route", route));
        }
    }

    /// <summary>The request's trace id: from the hosting activity (present whenever logging or tracing listens).</summary>
    public static string? TraceId(HttpContext http)
    {
        var activity = http.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current;
        return activity is null || activity.TraceId == default ? null : activity.TraceId.ToHexString();
    }
}

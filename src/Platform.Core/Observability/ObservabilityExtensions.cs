using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.Observability;

/// <summary>
/// Operations (issue #17, ADR 0036): OpenTelemetry metrics — ASP.NET Core, HttpClient, Npgsql, the .NET runtime and
/// the platform's own meter — served in Prometheus format at /metrics to platform admins or the scrape token; traces
/// and metrics exported by OTLP only when <see cref="ObservabilityOptions.OtlpEndpoint"/> is set; trace ids on problems;
/// and the live dashboard API.
/// </summary>
public static class ObservabilityExtensions
{
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddPlatformObservability(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        PlatformMetrics.TenantLabelCap = settings.TenantLabelCap;

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("platform"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PlatformMetrics.MeterName, "Npgsql")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddView(PlatformMetrics.OutboxLag.Name, new ExplicitBucketHistogramConfiguration
                    {
                        Boundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
                    })
                    // Scoring is sub-millisecond: the default buckets (0, 5, 10 ms, ...) would put every order in the first.
                    .AddView(AntiScalping.RiskMetrics.ScoringDurationName, new ExplicitBucketHistogramConfiguration
                    {
                        Boundaries = [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10],
                    })
                    // A scrape reads the current values: no cached answer a test or a second scraper would see stale.
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (settings.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
                }
            });
        if (settings.OtlpEndpoint is { } otlp)
        {
            // Spans cost an allocation per request and per statement: only recorded when someone collects them.
            otel.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }

        ProblemTelemetry.Configure(services);
        MetricsAccess.AddPolicy(services);
        services.AddSingleton<LiveStats>();
        services.AddSingleton<ProcessSampler>();
        return builder;
    }

    /// <summary>Outermost after routing, so refusals and failures of every later middleware are measured too.</summary>
    public static WebApplication UsePlatformObservability(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        PlatformMetrics.WatchDisks(options.DiskPaths.Select(p => Path.GetFullPath(p, app.Environment.ContentRootPath)));
        app.UseMiddleware<RequestMetricsMiddleware>();
        return app;
    }

    public static IEndpointRouteBuilder MapPlatformObservability(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(MetricsAccess.PolicyName).ExcludeFromDescription();
        app.MapLive();
        return app;
    }
}

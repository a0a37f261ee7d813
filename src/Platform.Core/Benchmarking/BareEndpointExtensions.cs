using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Platform.Benchmarking;

public static class BareEndpointExtensions
{
    public const string Path = "/bench/bare";

    /// <summary>
    /// When Benchmark:BareEndpoint is true (the benchmark harness sets it), answers /bench/bare with "ok" before any
    /// platform middleware: the same Kestrel and process, none of our work — the baseline our endpoints are measured
    /// against. Off by default.
    /// </summary>
    public static WebApplication UseBareBenchmarkEndpoint(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Benchmark:BareEndpoint"))
        {
            app.Use((context, next) => context.Request.Path == Path
                ? context.Response.WriteAsync("ok", context.RequestAborted)
                : next(context));
        }

        return app;
    }
}

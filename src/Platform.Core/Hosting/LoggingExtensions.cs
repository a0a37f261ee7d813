using System.Text.Encodings.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Platform.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Console logs: the formatter comes from configuration (JSON lines in appsettings.json for production; readable,
    /// timestamped single lines in appsettings.Development.json). JSON lines always carry a UTC timestamp. What configuration
    /// cannot say is set here: JSON lines keep non-ASCII text as it is (a zh-CN venue name stays readable instead of
    /// becoming \u escapes); JSON string escaping of quotes and control characters still applies.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformLogging(this IHostApplicationBuilder builder)
    {
        // Every line written inside a request (or any traced work) carries its W3C trace id as a scope — the id problem
        // responses return as traceId and OTLP exports — so a client's problem leads to the log lines and the trace.
        // Span and parent ids are left out: the trace id is what people search by, and lines stay short.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId);
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            // Set here rather than in appsettings.json because the simple formatter (Development, tests) reads the
            // same FormatterOptions section and wants its own format.
            o.TimestampFormat ??= "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            o.UseUtcTimestamp = true;
            var writer = o.JsonWriterOptions;
            writer.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.JsonWriterOptions = writer;
        });
        return builder;
    }
}

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Platform.Hosting;

namespace Platform.IntegrationTests.Hosting;

/// <summary>
/// A line logged while a request (any traced work) runs carries the trace id in both console formats: the host's
/// logger factory adds it as a scope and the configured formatter writes scopes.
/// </summary>
public sealed class LogTraceIdTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void LogLine_InsideActivity_CarriesTraceId(string environment)
    {
        var capture = new CapturingProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = ConsoleLogFormatTestsPaths.ApiProjectDirectory(),
        });
        builder.AddPlatformLogging();
        builder.Logging.AddProvider(capture);
        using var services = builder.Services.BuildServiceProvider();
        var name = services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName;
        capture.Formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == name);

        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Orders").LogWarning("Order refused");

        var line = Assert.Single(capture.Lines);
        Assert.Contains(activity.TraceId.ToHexString(), line, StringComparison.Ordinal);
    }

    /// <summary>Formats each entry with the host's console formatter and the factory's scopes, as the console logger would.</summary>
    private sealed class CapturingProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public ConsoleFormatter? Formatter { get; set; }

        public List<string> Lines { get; } = [];

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (owner.Formatter is null || category != "Platform.Orders")
                {
                    return;
                }

                using var writer = new StringWriter();
                owner.Formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner.scopes, writer);
                owner.Lines.Add(writer.ToString());
            }
        }
    }
}

internal static class ConsoleLogFormatTestsPaths
{
    public static string ApiProjectDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "src", "Platform.Api");
    }
}

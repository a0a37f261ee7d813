using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Platform.Hosting;

namespace Platform.IntegrationTests.Hosting;

/// <summary>
/// The host's own appsettings decide the console format: readable timestamped lines in Development, JSON lines with
/// a timestamp in production; Chinese text stays Chinese in both.
/// </summary>
public sealed class ConsoleLogFormatTests
{
    private const string Message = "Venue 东京 Dome saved";

    [Fact]
    public void Development_WritesReadableLineWithTimestamp()
    {
        var line = Format("Development");

        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} "), line);
        Assert.Contains(Message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("{", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_WritesJsonLineWithTimestampAndUnescapedChinese()
    {
        var line = Format("Production");

        var json = JsonDocument.Parse(line).RootElement;
        Assert.True(DateTimeOffset.TryParse(json.GetProperty("Timestamp").GetString(), out _), line);
        Assert.Equal(Message, json.GetProperty("Message").GetString());
        Assert.Contains("东京", line, StringComparison.Ordinal);
    }

    /// <summary>Formats one log entry the way the host configured for <paramref name="environment"/> would.</summary>
    private static string Format(string environment)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = ApiProjectDirectory(),
            DisableDefaults = false,
        });
        builder.AddPlatformLogging();
        using var services = builder.Services.BuildServiceProvider();

        var name = services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName;
        var formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == name);
        using var writer = new StringWriter();
        formatter.Write(
            new LogEntry<string>(LogLevel.Information, "Platform.Venues", new EventId(1), Message, null, (s, _) => s),
            new LoggerExternalScopeProvider(), writer);
        return writer.ToString().TrimEnd();
    }

    private static string ApiProjectDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "src", "Platform.Api");
    }
}

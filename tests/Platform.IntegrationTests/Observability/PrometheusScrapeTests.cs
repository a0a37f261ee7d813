using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Observability;

/// <summary>
/// Issue 17: Debian's Prometheus (installed by the test command) scrapes the platform on a real socket the way
/// docs/operations.md configures it, with the scrape token from a credentials file, and finds a platform metric. A
/// second job with a wrong token shows the endpoint stays closed to Prometheus without the token (up = 0).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PrometheusScrapeTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Prometheus_ScrapesWithTheToken_AndFindsPlatformMetrics()
    {
        _ = fixture.LoopbackNode;
        var target = fixture.LoopbackUrl!;
        var dir = Directory.CreateTempSubdirectory("prometheus-").FullName;
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(dir, "token"), Scrape.Token);
        await File.WriteAllTextAsync(Path.Combine(dir, "wrong-token"), Scrape.Token + "x");
        await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), $$"""
            global:
              scrape_interval: 2s
              scrape_timeout: 2s
            scrape_configs:
              - job_name: platform
                authorization: { credentials_file: {{dir}}/token }
                static_configs: [{ targets: ["{{target.Authority}}"] }]
              - job_name: platform-wrong-token
                authorization: { credentials_file: {{dir}}/wrong-token }
                static_configs: [{ targets: ["{{target.Authority}}"] }]
            """);
        var start = new ProcessStartInfo("prometheus") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     $"--config.file={dir}/prometheus.yml", $"--storage.tsdb.path={dir}/data",
                     $"--web.listen-address=127.0.0.1:{port}",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var prometheus = Process.Start(start)!;
        var log = prometheus.StandardError.ReadToEndAsync();
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            // A first scrape may time out while the node warms up on a busy machine: wait for a successful one.
            await WaitForAsync(api, "up{job=\"platform\"}", "1", log);
            var disk = await WaitForAsync(api, "platform_disk_free_ratio", null, log);
            var closed = await WaitForAsync(api, "up{job=\"platform-wrong-token\"}", null, log);

            Assert.InRange(double.Parse(disk, System.Globalization.CultureInfo.InvariantCulture), 0.0, 1.0);
            Assert.Equal("0", closed);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The first sample's value of an instant query once Prometheus has one (it scrapes every two seconds), and it is
    /// <paramref name="expected"/> when one is given.
    /// </summary>
    private static async Task<string> WaitForAsync(HttpClient api, string query, string? expected, Task<string> log)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = "(none)";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var document = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}"));
                var result = document.RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0)
                {
                    last = result[0].GetProperty("value")[1].GetString()!;
                    if (expected is null || last == expected)
                    {
                        return last;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (log.IsCompleted)
            {
                Assert.Fail($"prometheus exited: {await log}");
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{query} was {last} after 60 s, expected {expected ?? "a sample"}");
        return "";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

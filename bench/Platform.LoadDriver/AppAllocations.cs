using System.Globalization;
using System.Net.Http.Headers;

namespace Platform.LoadDriver;

/// <summary>
/// Bytes the app allocated over the measured window (issue #20 item 3), read from its own /metrics around the window as
/// <see cref="ProcessCpu"/> reads CPU: the runtime's <c>dotnet.gc.heap.total_allocated</c> counter
/// (<c>GC.GetTotalAllocatedBytes</c>, exported through OpenTelemetry's runtime instrumentation), read with the run's
/// scrape token. It counts everything the process allocated in the window — requests, background work and the two
/// scrapes themselves (a few hundred KB against the hundreds of MB of a run) — so per paid buyer it is the whole app's
/// allocation cost of a buyer, like the CPU figure.
/// </summary>
public sealed class AppAllocations(HttpClient client, string scrapeToken)
{
    public const string Metric = "dotnet_gc_heap_total_allocated_bytes_total";

    /// <summary>
    /// The counter's value, or null when /metrics is not readable (in time: a saturated app may not answer the scrape
    /// within the client's timeout) or does not carry it; the run's other figures never depend on it.
    /// </summary>
    public async Task<double?> ReadAsync(CancellationToken ct)
    {
        string text;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scrapeToken);
            using var response = await client.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }

        // Prometheus text format: name{labels} value [timestamp]
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(Metric, StringComparison.Ordinal) || line.Length == Metric.Length || line[Metric.Length] is not (' ' or '{'))
            {
                continue;
            }

            var rest = line[(line[Metric.Length] == '{' ? line.IndexOf('}', Metric.Length) + 1 : Metric.Length)..];
            return double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        return null;
    }

    /// <summary>Prints the bytes allocated in the window and per success of the scenario's last step (e.g. a paid buyer).</summary>
    public static void Print(TextWriter output, double before, double after, RunStats stats)
    {
        var last = stats.Operations.LastOrDefault(o => o.Successes > 0);
        if (last is null)
        {
            return;
        }

        var bytes = after - before;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  allocated in the window: app {bytes / 1024 / 1024:F0} MB; per {last.Name} ok ({last.Successes}): app {bytes / last.Successes / 1024:F1} KB"));
    }
}

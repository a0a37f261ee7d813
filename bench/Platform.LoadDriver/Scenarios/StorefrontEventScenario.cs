using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.LoadDriver.Scenarios;

/// <summary>
/// S3 (storefront): anonymous buyers opening the tenant's hot event page, <c>/t/{tenant}/events/{id}</c>, the page an
/// on-sale link points at. The event is the tenant's first listed event (the sample tenants list their headline event
/// first), found through the public catalogue so the scenario needs no owner connection. The page is output-cached
/// for a second per tenant/event/language, so under load almost every view is a cache hit: the figure is the cost of
/// the platform pipeline plus the output cache, not of rendering.
/// </summary>
public sealed class StorefrontEventScenario(string tenantSlug) : IScenario
{
    private string path = "";
    private long bytes;
    private long pages;

    public string Name => $"s3 storefront event page {path}";

    public async Task PrepareAsync(HttpClient client, CancellationToken ct)
    {
        using var catalogue = await client.GetFromJsonAsync<JsonDocument>($"/api/v1/public/tenants/{tenantSlug}/events", ct)
            ?? throw new InvalidOperationException("The public catalogue answered nothing.");
        var items = catalogue.RootElement.ValueKind == JsonValueKind.Array
            ? catalogue.RootElement
            : catalogue.RootElement.GetProperty("data");
        var first = items.EnumerateArray().FirstOrDefault();
        if (first.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"Tenant '{tenantSlug}' lists no event to open.");
        }

        path = $"/t/{tenantSlug}/events/{first.GetProperty("id").GetString()}";
        // One view before the clock: the page must be a real page (200, HTML), or the figures would time an error.
        using var probe = await client.GetAsync(path, ct);
        var media = probe.Content.Headers.ContentType?.MediaType;
        if (!probe.IsSuccessStatusCode || media != "text/html")
        {
            throw new InvalidOperationException($"GET {path} answered {(int)probe.StatusCode} {media}, not an HTML page.");
        }
    }

    public async Task<bool> RunOnceAsync(HttpClient client, int user, RunStats stats, CancellationToken ct)
    {
        using var response = await LoadRunner.TimedAsync(stats, "event_page", () => client.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct));
        if (response.IsSuccessStatusCode)
        {
            Interlocked.Add(ref bytes, response.Content.Headers.ContentLength ?? 0);
            Interlocked.Increment(ref pages);
        }

        return true;
    }

    public Task VerifyAsync(HttpClient client, TextWriter output, CancellationToken ct)
    {
        var count = Interlocked.Read(ref pages);
        output.WriteLine($"  pages served: {count}, average {(count == 0 ? 0 : Interlocked.Read(ref bytes) / count)} bytes");
        return Task.CompletedTask;
    }
}

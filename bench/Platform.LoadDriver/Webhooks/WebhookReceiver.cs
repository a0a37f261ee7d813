using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.LoadDriver.Webhooks;

/// <summary>One verified delivery: the endpoint it was sent to, its webhook-id, event type, the event's time (envelope
/// timestamp) and receipt time.</summary>
public sealed record Receipt(int Endpoint, string WebhookId, string Type, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt);

/// <summary>
/// A Standard Webhooks receiver on 127.0.0.1 (Kestrel, an ephemeral port) inside the driver process. It verifies
/// every POST the way a tenant's receiver would — written from the spec, not with the platform's signer, so a bug
/// shared by signer and verifier cannot hide: webhook-signature lists space-separated "v1,base64(HMAC-SHA256(key,
/// id.timestamp.body))", the key is the base64 after "whsec_", any one matching signature is enough, and
/// webhook-timestamp must be within 5 minutes. A bad signature is answered 401 and counted; a good one 204.
/// It serves any number of endpoints (<c>/hooks/{n}</c>, one secret), so a fan-out to N endpoints is N receivers' work.
/// </summary>
public sealed class WebhookReceiver(string secret) : IAsyncDisposable
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private readonly byte[] key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
    private readonly ConcurrentDictionary<string, Receipt> receipts = new(StringComparer.Ordinal);
    private WebApplication? app;
    private int invalid;
    private int duplicates;

    private Uri baseUrl = new("http://127.0.0.1/");

    /// <summary>The URL of endpoint <paramref name="endpoint"/> on this receiver.</summary>
    public Uri Url(int endpoint) => new(baseUrl, "/hooks/" + endpoint.ToString(CultureInfo.InvariantCulture));

    /// <summary>The endpoint's signing secret (whsec_ + base64 key), registered with the platform.</summary>
    public string Secret { get; } = secret;

    /// <summary>Deliveries that failed verification (missing headers, stale timestamp or no matching signature).</summary>
    public int InvalidSignatures => invalid;

    /// <summary>Verified deliveries whose webhook-id had already been received at that endpoint (at-least-once resends).</summary>
    public int Duplicates => duplicates;

    /// <summary>Verified deliveries, one per endpoint and webhook-id.</summary>
    public ICollection<Receipt> Receipts => receipts.Values;

    public async Task StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapPost("/hooks/{endpoint:int}", ReceiveAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        baseUrl = new Uri(address);
    }

    private async Task<IResult> ReceiveAsync(int endpoint, HttpRequest request)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var id = request.Headers["webhook-id"].ToString();
        if (!Verify(id, request.Headers["webhook-timestamp"].ToString(), request.Headers["webhook-signature"].ToString(), body, receivedAt))
        {
            Interlocked.Increment(ref invalid);
            return Results.Unauthorized();
        }

        using var json = JsonDocument.Parse(body);
        var receipt = new Receipt(endpoint, id, json.RootElement.GetProperty("type").GetString()!,
            json.RootElement.GetProperty("timestamp").GetDateTimeOffset(), receivedAt);
        if (!receipts.TryAdd(endpoint.ToString(CultureInfo.InvariantCulture) + "/" + id, receipt))
        {
            Interlocked.Increment(ref duplicates);
        }

        return Results.NoContent();
    }

    private bool Verify(string id, string timestamp, string signatures, string body, DateTimeOffset now)
    {
        if (id.Length == 0 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = candidate.Split(',', 2);
            if (parts.Length == 2 && parts[0] == "v1" && TryBase64(parts[1], out var given) && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

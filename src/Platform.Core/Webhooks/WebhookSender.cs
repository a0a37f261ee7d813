using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Webhooks;

/// <summary>The outcome of one HTTP attempt.</summary>
internal sealed record SendResult(int? StatusCode, int LatencyMs, string? ResponseExcerpt, string? Error, DateTimeOffset FinishedAt)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Posts a signed delivery. The typed HttpClient follows no redirects and connects only through
/// <see cref="WebhookUrlGuard.ConnectAsync"/>. <see cref="WebhookOptions.Timeout"/> bounds the whole attempt, the
/// answer's body included: HttpClient's own timeout stops at the headers, and a receiver that sent headers and then
/// stalled would otherwise hold a delivery worker (and its batch's lease) for as long as it liked. Whatever the
/// receiver does — no answer, a broken connection, a body cut short — ends as a failed attempt, never an exception.
/// </summary>
internal sealed class WebhookSender(HttpClient http, TimeProvider clock, IOptions<WebhookOptions> options)
{
    /// <summary>Posts <paramref name="body"/> signed with every key of <paramref name="keys"/> (<see cref="WebhookEndpoint.ActiveKeys"/>).</summary>
    public async Task<SendResult> SendAsync(string url, string webhookId, IReadOnlyList<byte[]> keys, string body, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.Header(keys, webhookId, timestamp, body));

        var watch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var excerpt = await ExcerptAsync(response, deadline.Token);
            return new SendResult((int)response.StatusCode, Elapsed(watch), excerpt, null, clock.GetUtcNow());
        }
        catch (HttpRequestException e)
        {
            return new SendResult(null, Elapsed(watch), null, Truncate(e.Message), clock.GetUtcNow());
        }
        catch (IOException e)
        {
            // The connection broke while the answer was read (HttpIOException): the receiver's fault, one failed attempt.
            return new SendResult(null, Elapsed(watch), null, Truncate(e.Message), clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendResult(null, Elapsed(watch), null, "The receiver did not answer in time.", clock.GetUtcNow());
        }
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[WebhookAttempt.ExcerptLength];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        // Bytes cut mid-character decode to a replacement character; the excerpt stays within 1 KB of characters.
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);

    private static string Truncate(string message) => message.Length <= 500 ? message : message[..500];
}

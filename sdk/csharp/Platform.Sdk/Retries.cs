using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ticketing.Platform.Sdk;

/// <summary>How the SDK retries (on by default; <see cref="MaxRetries"/> = 0 turns it off).</summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt (default 4).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first backoff when the API gives no Retry-After; doubled per attempt, with full jitter (default 0.5 s).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait the SDK accepts; a longer Retry-After is returned to the caller instead (default 30 s).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The POSTs the API deduplicates by Idempotency-Key (those that declare the header in openapi/v1.json: holds,
/// extensions, orders, payments and refunds, staff and storefront). Only these are retried after a network error or a
/// 503, with the same key; a test compares this list with the document.
/// </summary>
public static partial class IdempotentRoutes
{
    [GeneratedRegex(@"^/api/v1/(public/tenants/[^/]+/)?(holds(/[^/]+/extend)?|orders(/[^/]+/(payments|refunds))?)/?$")]
    private static partial Regex Pattern();

    /// <summary>Whether a POST to <paramref name="path"/> honours Idempotency-Key.</summary>
    /// <param name="path">The request path, without query.</param>
    public static bool Honours(string path) => Pattern().IsMatch(path);
}

/// <summary>
/// Retries with exponential backoff and full jitter, honouring Retry-After: 429 (rate_limited, checkout_busy: nothing
/// was executed, so always), and for idempotent requests (GET/PUT/DELETE/HEAD, and POSTs the API deduplicates, which
/// get an Idempotency-Key if they have none) 503, 409 idempotency_in_flight and network errors.
/// </summary>
public sealed class PlatformRetryHandler : DelegatingHandler
{
    /// <summary>The header the API deduplicates POSTs by.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly RetryOptions _options;
    private readonly TimeProvider _time;

    /// <summary>A retrying handler in front of <paramref name="inner"/>.</summary>
    /// <param name="options">When and how long to retry.</param>
    /// <param name="inner">The next handler (the token handler, or the socket).</param>
    /// <param name="time">The clock waits are measured with (tests).</param>
    public PlatformRetryHandler(RetryOptions options, HttpMessageHandler inner, TimeProvider? time = null) : base(inner)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var idempotent = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Put
                         || request.Method == HttpMethod.Delete || request.Method == HttpMethod.Options;
        if (request.Method == HttpMethod.Post && request.RequestUri is { } uri && IdempotentRoutes.Honours(Path(uri)))
        {
            idempotent = true;
            if (!request.Headers.Contains(IdempotencyKeyHeader) && _options.MaxRetries > 0)
            {
                // One key for every attempt of this call: a retry after a lost answer replays it instead of buying twice.
                var key = Guid.NewGuid().ToString("N");
                request.Headers.Add(IdempotencyKeyHeader, key);
                if (request.Options.TryGetValue(RequestOptions.Key, out var perCall))
                {
                    perCall.SentIdempotencyKey = key;
                }
            }
        }

        if (request.Content is { } content)
        {
            await content.LoadIntoBufferAsync().ConfigureAwait(false); // sent again on retry
        }

        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (idempotent && attempt < _options.MaxRetries && IsNetworkFailure(e, cancellationToken))
            {
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (attempt >= _options.MaxRetries || !await ShouldRetryAsync(response, idempotent, cancellationToken).ConfigureAwait(false))
            {
                return response;
            }

            var wait = RetryAfter(response) is { } after ? after + Jitter(_options.BaseDelay) : Backoff(attempt);
            if (wait > _options.MaxDelay)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Path(Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];

    private static bool IsNetworkFailure(Exception e, CancellationToken ct) =>
        e is HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested);

    private static async Task<bool> ShouldRetryAsync(HttpResponseMessage response, bool idempotent, CancellationToken ct)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.TooManyRequests:
                return true;
            case HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout:
                return idempotent;
            case HttpStatusCode.Conflict when idempotent && response.Content is { } content:
                await content.LoadIntoBufferAsync().ConfigureAwait(false);
                try
                {
                    using var problem = JsonDocument.Parse(await content.ReadAsStringAsync(ct).ConfigureAwait(false));
                    return problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("code", out var code)
                           && code.ValueKind == JsonValueKind.String && code.GetString() == "idempotency_in_flight";
                }
                catch (JsonException)
                {
                    return false;
                }

            default:
                return false;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };

    /// <summary>Full jitter: a random wait up to BaseDelay × 2^attempt, so retrying clients spread out.</summary>
    private TimeSpan Backoff(int attempt) => Jitter(_options.BaseDelay * Math.Pow(2, Math.Min(attempt, 16)));

    private static TimeSpan Jitter(TimeSpan upTo) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * upTo.TotalMilliseconds);
}

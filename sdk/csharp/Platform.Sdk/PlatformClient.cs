using System.Net.Http.Headers;
using System.Text.Json;

namespace Ticketing.Platform.Sdk;

/// <summary>Per-call settings and what the call answered: <c>api.With(options).CreateOrderAsync(...)</c>.</summary>
public sealed class RequestOptions
{
    /// <summary>
    /// The Idempotency-Key to send. When null, a POST the API deduplicates gets a fresh key per call, reused by the
    /// built-in retries (see <see cref="SentIdempotencyKey"/>); give your own to retry across process restarts.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Extra request headers (e.g. X-Request-Id).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The status code of the last answer.</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>The headers of the last answer (RateLimit-Remaining, X-Request-Id, Idempotent-Replayed, …).</summary>
    public HttpResponseHeaders? ResponseHeaders { get; internal set; }

    /// <summary>The Idempotency-Key the last call went out with (yours or the generated one), if any.</summary>
    public string? SentIdempotencyKey { get; internal set; }

    /// <summary>True when the answer was the stored answer of an earlier call with the same key (Idempotent-Replayed).</summary>
    public bool Replayed => ResponseHeaders?.TryGetValues("Idempotent-Replayed", out var v) == true && v.Contains("true");

    /// <summary>The answer's X-Request-Id.</summary>
    public string? RequestId => ResponseHeaders?.TryGetValues("X-Request-Id", out var v) == true ? v.FirstOrDefault() : null;

    internal static readonly HttpRequestOptionsKey<RequestOptions> Key = new("Ticketing.Platform.Sdk.RequestOptions");
}

/// <summary>What paying an order answered: the paid order (200), or a payment session to confirm on the buyer's side (202).</summary>
public sealed class PaymentOutcome
{
    private PaymentOutcome(OrderResponse order, PaymentSessionResponse? session) => (Order, Session) = (order, session);

    /// <summary>The order: paid, or still pending_payment while a <see cref="Session"/> is being confirmed.</summary>
    public OrderResponse Order { get; }

    /// <summary>The provider's session (Stripe: confirm with its client secret); null when the order is paid.</summary>
    public PaymentSessionResponse? Session { get; }

    /// <summary>True when the order is paid now.</summary>
    public bool IsPaid => Session is null;

    internal static PaymentOutcome Paid(OrderResponse order) => new(order, null);

    internal static PaymentOutcome Started(PaymentSessionResponse session) => new(session.Order, session);
}

public partial class PlatformClient
{
    private RequestOptions? _options;

    /// <summary>This client, with settings for the calls made through the returned instance (and their answers' headers).</summary>
    /// <param name="options">The per-call settings; read the answer's headers from it afterwards.</param>
    public PlatformClient With(RequestOptions options) => new(_httpClient) { _options = options };

    /// <summary>
    /// Pays an order. Unlike <see cref="PayOrderAsync(Guid, PayRequest, CancellationToken)"/>, a payment the buyer
    /// still has to confirm (202, Stripe) is a result, not an exception.
    /// </summary>
    /// <param name="id">The order.</param>
    /// <param name="body">The method and its token or reference.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<PaymentOutcome> PayAsync(Guid id, PayRequest body, CancellationToken cancellationToken = default)
    {
        try
        {
            return PaymentOutcome.Paid(await PayOrderAsync(id, body, cancellationToken).ConfigureAwait(false));
        }
        catch (PlatformApiException<PaymentSessionResponse> started) when (started.StatusCode == 202)
        {
            return PaymentOutcome.Started(started.Result);
        }
    }

    /// <summary>
    /// Pays a storefront order with its X-Order-Token; a 202 payment session is a result, as with <see cref="PayAsync"/>.
    /// </summary>
    /// <param name="tenant">The tenant's slug.</param>
    /// <param name="id">The order.</param>
    /// <param name="orderToken">The order's one-time token.</param>
    /// <param name="body">The method and its token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<PaymentOutcome> PayPublicAsync(string tenant, Guid id, string orderToken, PayRequest body, CancellationToken cancellationToken = default)
    {
        try
        {
            return PaymentOutcome.Paid(await PayPublicOrderAsync(tenant, id, orderToken, body, cancellationToken).ConfigureAwait(false));
        }
        catch (PlatformApiException<PaymentSessionResponse> started) when (started.StatusCode == 202)
        {
            return PaymentOutcome.Started(started.Result);
        }
    }

    // Problems are read as text first, so an exception always carries the body (Response), also for streamed answers.
    partial void Initialize() => ReadResponseAsString = true;

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        if (_options is null)
        {
            return;
        }

        request.Options.Set(RequestOptions.Key, _options);
        _options.SentIdempotencyKey = _options.IdempotencyKey;
        foreach (var (name, value) in _options.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (_options.IdempotencyKey is { } key)
        {
            request.Headers.Remove(PlatformRetryHandler.IdempotencyKeyHeader);
            request.Headers.Add(PlatformRetryHandler.IdempotencyKeyHeader, key);
        }
    }

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response)
    {
        if (_options is null)
        {
            return;
        }

        _options.StatusCode = (int)response.StatusCode;
        _options.ResponseHeaders = response.Headers;
        if (response.RequestMessage?.Headers.TryGetValues(PlatformRetryHandler.IdempotencyKeyHeader, out var sent) == true)
        {
            _options.SentIdempotencyKey = sent.FirstOrDefault();
        }
    }

    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => settings.Converters.Add(new SnakeCaseEnumConverterFactory());
}

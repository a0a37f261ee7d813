using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Ticketing.Platform.Sdk;

/// <summary>
/// Adds a client-credentials bearer token to every request: fetched from <c>/connect/token</c> once, cached, and
/// fetched again shortly before it expires (or when the API answers 401, once per request).
/// </summary>
public sealed class ClientCredentialsHandler : DelegatingHandler
{
    private readonly Uri _tokenUrl;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly string? _scope;
    private readonly TimeSpan _refreshBefore;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    /// <summary>A token handler in front of <paramref name="inner"/>, which also carries the token requests.</summary>
    /// <param name="tokenUrl">The OAuth token endpoint (the API's origin + /connect/token).</param>
    /// <param name="clientId">The API client's id.</param>
    /// <param name="clientSecret">The API client's secret.</param>
    /// <param name="scopes">Scopes to ask for; none asks for all the client was granted.</param>
    /// <param name="refreshBeforeExpiry">How long before expiry a token is replaced.</param>
    /// <param name="inner">The next handler (the socket).</param>
    /// <param name="time">The clock expiry is judged by (tests).</param>
    public ClientCredentialsHandler(Uri tokenUrl, string clientId, string clientSecret, IEnumerable<string>? scopes, TimeSpan refreshBeforeExpiry,
        HttpMessageHandler inner, TimeProvider? time = null) : base(inner)
    {
        _tokenUrl = tokenUrl;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _scope = scopes?.Any() == true ? string.Join(' ', scopes) : null;
        _refreshBefore = refreshBeforeExpiry;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many tokens this handler has fetched (diagnostics).</summary>
    public int TokensFetched { get; private set; }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await TokenAsync(stale: null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // Revoked or expired early (server clock, key rotation): one fresh token, one more try.
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(token, cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> TokenAsync(string? stale, CancellationToken ct)
    {
        if (_current is { } fresh && fresh.Token != stale && _time.GetUtcNow() < fresh.RenewAt)
        {
            return fresh.Token;
        }

        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_current is { } other && other.Token != stale && _time.GetUtcNow() < other.RenewAt)
            {
                return other.Token; // another caller renewed it meanwhile
            }

            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = _clientId, ["client_secret"] = _clientSecret,
            };
            if (_scope is not null)
            {
                form["scope"] = _scope;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUrl) { Content = new FormUrlEncodedContent(form) };
            using var response = await base.SendAsync(request, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
            }

            using var json = JsonDocument.Parse(body);
            var token = json.RootElement.GetProperty("access_token").GetString()!;
            var lifetime = json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? TimeSpan.FromSeconds(s) : TimeSpan.FromMinutes(5);
            _current = (token, _time.GetUtcNow() + lifetime - _refreshBefore);
            TokensFetched++;
            return token;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lock.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Settings of <see cref="PlatformClientFactory.Create"/>.</summary>
public sealed class PlatformClientOptions
{
    /// <summary>The API's origin, e.g. https://api.tickets.example.</summary>
    public required Uri BaseUrl { get; set; }

    /// <summary>The API client's id (client credentials). Leave null to send <see cref="AccessToken"/> or no token.</summary>
    public string? ClientId { get; set; }

    /// <summary>The API client's secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes to ask for; none asks for all the client was granted.</summary>
    public IReadOnlyList<string>? Scopes { get; set; }

    /// <summary>A token you obtained yourself (a person's, through PKCE), used as is.</summary>
    public string? AccessToken { get; set; }

    /// <summary>How long before expiry a client-credentials token is replaced (default 60 s).</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries; on by default.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Per-attempt timeout (default 100 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The handler that talks to the network (default: a SocketsHttpHandler); for proxies, tests, instrumentation.</summary>
    public HttpMessageHandler? InnerHandler { get; set; }

    /// <summary>The clock token expiry and retry waits are measured with (tests).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}

/// <summary>Builds a <see cref="PlatformClient"/> with tokens, retries and idempotency keys taken care of.</summary>
public static class PlatformClientFactory
{
    /// <summary>
    /// A client whose requests carry a cached client-credentials token (renewed before expiry) and are retried as
    /// <see cref="PlatformRetryHandler"/> says. Keep it for the life of the application: it owns its connections.
    /// </summary>
    /// <param name="options">Where the API is and who calls it.</param>
    public static PlatformClient Create(PlatformClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        HttpMessageHandler handler = options.InnerHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (options.ClientId is { } id)
        {
            var secret = options.ClientSecret ?? throw new ArgumentException("ClientSecret is required with ClientId.", nameof(options));
            handler = new ClientCredentialsHandler(new Uri(options.BaseUrl, "/connect/token"), id, secret, options.Scopes,
                options.RefreshBeforeExpiry, handler, options.Time);
        }

        handler = new PlatformRetryHandler(options.Retry, handler, options.Time);
        var http = new HttpClient(handler) { BaseAddress = options.BaseUrl, Timeout = options.Timeout * (options.Retry.MaxRetries + 1) };
        if (options.AccessToken is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return new PlatformClient(http);
    }
}

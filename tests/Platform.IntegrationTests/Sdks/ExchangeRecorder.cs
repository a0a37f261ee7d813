using System.Diagnostics;
using System.Net;

namespace Platform.IntegrationTests.Sdks;

/// <summary>
/// A handler under the SDK (its <c>InnerHandler</c>) that records every attempt as it went over the wire: the request
/// (the SDK sends the same message again on a retry, so attempts of one call share it), the bearer it carried, the
/// answer's status, Retry-After and WWW-Authenticate, and when it was sent and answered. <c>rewrite</c> may replace an
/// answer before the SDK sees it.
/// </summary>
internal sealed class ExchangeRecorder(HttpMessageHandler inner, Func<HttpRequestMessage, HttpResponseMessage, Task<HttpResponseMessage>>? rewrite = null)
    : DelegatingHandler(inner)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<Exchange> exchanges = [];

    public IReadOnlyList<Exchange> Exchanges
    {
        get
        {
            lock (exchanges)
            {
                return [.. exchanges];
            }
        }
    }

    /// <summary>The API calls only (no /connect/token), in the order they were sent.</summary>
    public IReadOnlyList<Exchange> ApiCalls => [.. Exchanges.Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal)).OrderBy(e => e.SentAt)];

    public int TokenRequests => Exchanges.Count(e => e.Path == "/connect/token");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sentAt = clock.Elapsed;
        var bearer = request.Headers.Authorization?.Parameter; // the token handler replaces it before a retry
        var response = await base.SendAsync(request, cancellationToken);
        if (rewrite is not null)
        {
            response = await rewrite(request, response);
        }

        lock (exchanges)
        {
            exchanges.Add(new Exchange(request, request.RequestUri!.AbsolutePath, bearer, response.StatusCode, response.Headers.RetryAfter?.Delta,
                string.Join(' ', response.Headers.WwwAuthenticate), sentAt, clock.Elapsed));
        }

        return response;
    }

    internal sealed record Exchange(HttpRequestMessage Request, string Path, string? Bearer, HttpStatusCode Status, TimeSpan? RetryAfter,
        string Challenge, TimeSpan SentAt, TimeSpan AnsweredAt);
}

/// <summary>
/// The real clock, except that every timer (the SDK's retry waits: Task.Delay on its TimeProvider) fires at once and
/// the wait asked for is recorded: a test sees how long the SDK would have waited without waiting it.
/// </summary>
internal sealed class InstantWaits : TimeProvider
{
    private readonly List<TimeSpan> waits = [];

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (waits)
            {
                return [.. waits];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (waits)
        {
            waits.Add(dueTime);
        }

        return TimeProvider.System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}

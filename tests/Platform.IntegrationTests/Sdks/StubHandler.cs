using System.Net;
using System.Text;

namespace Platform.IntegrationTests.Sdks;

/// <summary>
/// A handler between the SDK and the network for tests: answers from <c>respond</c> when it returns a response,
/// otherwise forwards to the real socket (or to nothing, for an offline stub); counts requests per path.
/// </summary>
internal sealed class StubHandler(Func<HttpRequestMessage, int, Task<HttpResponseMessage?>> respond, bool forward = true)
    : DelegatingHandler(forward ? new SocketsHttpHandler() : new HttpClientHandler())
{
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);

    public int Count(string path)
    {
        lock (counts)
        {
            return counts.GetValueOrDefault(path);
        }
    }

    public List<HttpRequestMessage> Sent { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int n;
        lock (counts)
        {
            n = counts[request.RequestUri!.AbsolutePath] = counts.GetValueOrDefault(request.RequestUri!.AbsolutePath) + 1;
            Sent.Add(request);
        }

        return await respond(request, n) ?? (forward ? await base.SendAsync(request, cancellationToken)
            : throw new InvalidOperationException($"The stub has no answer for {request.Method} {request.RequestUri}."));
    }

    public Task<HttpResponseMessage> ForwardAsync(HttpRequestMessage request) => base.SendAsync(request, CancellationToken.None);

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string contentType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, contentType) };
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Webhooks;

namespace Platform.IntegrationTests.Webhooks;

/// <summary>
/// Receivers that misbehave after their headers, on a raw loopback socket: each ends as one failed attempt within the
/// configured timeout — never a delivery worker held for as long as the receiver likes, never an exception that would
/// fail the whole batch and leave its deliveries leased for minutes.
/// </summary>
public sealed class WebhookSenderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task HeadersThenStalledBody_FailedAttemptWithinTheTimeout()
    {
        await using var receiver = await RawReceiver.StartAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nstarted", close: false);

        var result = await SendAsync(receiver.Url);

        Assert.False(result.Succeeded);
        Assert.Equal("The receiver did not answer in time.", result.Error);
        Assert.InRange(result.LatencyMs, 900, 5_000);
    }

    [Fact]
    public async Task BodyCutShort_FailedAttemptNotAnException()
    {
        await using var receiver = await RawReceiver.StartAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\ncut short", close: true);

        var result = await SendAsync(receiver.Url);

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.False(string.IsNullOrEmpty(result.Error));
    }

    [Fact]
    public async Task NoAnswerAtAll_FailedAttemptWithinTheTimeout()
    {
        await using var receiver = await RawReceiver.StartAsync(answer: null, close: false);

        var result = await SendAsync(receiver.Url);

        Assert.Equal("The receiver did not answer in time.", result.Error);
    }

    private static async Task<SendResult> SendAsync(string url)
    {
        using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var sender = new WebhookSender(http, TimeProvider.System, Options.Create(new WebhookOptions { Timeout = Timeout }));
        // The test's own bound: a sender without a deadline on the body would wait here until the receiver closes.
        return await sender.SendAsync(url, "msg_1", [new byte[32]], "{}", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Accepts one connection, reads the request's head, writes <c>answer</c> as is, then closes or holds on.</summary>
    private sealed class RawReceiver : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly Task serving;
        private readonly CancellationTokenSource stop = new();

        private RawReceiver(TcpListener listener, string? answer, bool close)
        {
            this.listener = listener;
            serving = ServeAsync(answer, close);
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook";

        public static Task<RawReceiver> StartAsync(string? answer, bool close)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new RawReceiver(listener, answer, close));
        }

        private async Task ServeAsync(string? answer, bool close)
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var head = new StringBuilder();
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, stop.Token);
                if (n == 0)
                {
                    return;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            if (answer is not null)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), stop.Token);
            }

            if (!close)
            {
                await Task.Delay(System.Threading.Timeout.Infinite, stop.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await serving;
            }
            catch (OperationCanceledException)
            {
            }

            listener.Stop();
            stop.Dispose();
        }
    }
}

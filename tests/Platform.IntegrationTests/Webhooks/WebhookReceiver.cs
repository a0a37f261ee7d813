using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.IntegrationTests.Webhooks;

public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body);

/// <summary>A real Kestrel receiver on 127.0.0.1 (random port) answering with queued status codes (then 200).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> statuses = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public string Url => app.Urls.First() + "/hook";

    public static async Task<WebhookReceiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        foreach (var s in statuses)
        {
            receiver.statuses.Enqueue(s);
        }

        app.MapPost("/hook", async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedWebhook(
                ctx.Request.Headers["webhook-id"].ToString(), ctx.Request.Headers["webhook-timestamp"].ToString(),
                ctx.Request.Headers["webhook-signature"].ToString(), body));
            ctx.Response.StatusCode = receiver.statuses.TryDequeue(out var status) ? status : 200;
            await ctx.Response.WriteAsync($"received {ctx.Response.StatusCode}");
        });
        await app.StartAsync();
        return receiver;
    }

    public async Task<List<ReceivedWebhook>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (Received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(Received.Count >= count, $"Expected {count} deliveries, received {Received.Count}.");
        return [.. Received];
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

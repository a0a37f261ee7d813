using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.RateLimiting;

namespace Platform.UnitTests.RateLimiting;

public sealed class CheckoutAdmissionTests
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    [Fact]
    public async Task NewHold_NodeAtCapacity_429CheckoutBusyAtOnce_AndAcceptedAgainWhenWorkEnds()
    {
        var admission = Admission(maxInFlight: 1);
        var release = new TaskCompletionSource();
        var first = admission.InvokeAsync(Step(entry: true, out var firstContext), async ctx => { await release.Task; ctx.Response.StatusCode = 201; });

        var refused = Step(entry: true, out _);
        await admission.InvokeAsync(refused, _ => throw new InvalidOperationException("must not run"));
        release.SetResult();
        await first;
        var later = Step(entry: true, out _);
        await admission.InvokeAsync(later, ctx => { ctx.Response.StatusCode = 201; return Task.CompletedTask; });

        Assert.Equal(429, refused.Response.StatusCode);
        Assert.Equal("1", refused.Response.Headers.RetryAfter.ToString());
        Assert.Equal(CheckoutAdmission.Code, await CodeAsync(refused));
        Assert.Equal(201, firstContext.Response.StatusCode);
        Assert.Equal(201, later.Response.StatusCode);
        Assert.Equal(0, admission.InFlight);
    }

    [Fact]
    public async Task OrderOrPayment_NodeAtCapacity_NeverRefusedButCounted()
    {
        var admission = Admission(maxInFlight: 1);
        var release = new TaskCompletionSource();
        var busy = admission.InvokeAsync(Step(entry: true, out _), async _ => await release.Task);

        var payment = Step(entry: false, out _);
        var paying = admission.InvokeAsync(payment, async ctx => { Assert.Equal(2, admission.InFlight); ctx.Response.StatusCode = 200; await Task.Yield(); });
        await paying;
        release.SetResult();
        await busy;

        Assert.Equal(200, payment.Response.StatusCode);
        Assert.Equal(0, admission.InFlight);
    }

    [Fact]
    public async Task UnmarkedEndpoint_NeverGatedNorCounted()
    {
        var admission = Admission(maxInFlight: 1);
        var release = new TaskCompletionSource();
        var busy = admission.InvokeAsync(Step(entry: true, out _), async _ => await release.Task);

        var other = Context();
        await admission.InvokeAsync(other, ctx => { Assert.Equal(1, admission.InFlight); ctx.Response.StatusCode = 200; return Task.CompletedTask; });
        release.SetResult();
        await busy;

        Assert.Equal(200, other.Response.StatusCode);
    }

    [Fact]
    public async Task FailingStep_StillLeavesTheCount()
    {
        var admission = Admission(maxInFlight: 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => admission.InvokeAsync(Step(entry: true, out _), _ => throw new InvalidOperationException()));

        Assert.Equal(0, admission.InFlight);
    }

    [Fact]
    public async Task ResponseStarted_StopsCounting_SoTheBuyersNextStepIsNotRefused()
    {
        var admission = Admission(maxInFlight: 1);
        var response = new StartableResponse();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature());
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(new MemoryStream()));
        var hold = new DefaultHttpContext(features) { RequestServices = Services };
        hold.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new CheckoutAdmissionMetadata(true)), "hold"));
        var next = Step(entry: true, out _);

        await admission.InvokeAsync(hold, async _ =>
        {
            await response.StartAsync();
            Assert.Equal(0, admission.InFlight);
            // The response is on its way but not finished: another new hold is let in.
            await admission.InvokeAsync(next, ctx => { ctx.Response.StatusCode = 201; return Task.CompletedTask; });
        });

        Assert.Equal(201, next.Response.StatusCode);
        Assert.Equal(0, admission.InFlight);
    }

    private sealed class StartableResponse : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => starting.Add((callback, state));

        public async Task StartAsync()
        {
            foreach (var (callback, state) in starting)
            {
                await callback(state);
            }
        }
    }

    /// <summary>The node's own count only: no Redis configured (the cluster-wide count is tested over HTTP, SharedLimitTests).</summary>
    private static CheckoutAdmission Admission(int maxInFlight)
    {
        var options = Options.Create(new RateLimitOptions { CheckoutAdmission = new AdmissionLimit { MaxInFlight = maxInFlight } });
        var noRedis = new Platform.SharedState.SharedCounters(Options.Create(new Platform.SharedState.RedisOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Platform.SharedState.SharedCounters>.Instance, TimeProvider.System);
        return new(options, new ClusterAdmission(new Platform.SharedState.RedisLimitStore(noRedis), options));
    }

    private static DefaultHttpContext Step(bool entry, out DefaultHttpContext context) => context = Context(new CheckoutAdmissionMetadata(entry));

    private static DefaultHttpContext Context(params object[] metadata)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(metadata), "test"));
        return context;
    }

    private static async Task<string?> CodeAsync(HttpContext context)
    {
        context.Response.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(context.Response.Body);
        return json.RootElement.GetProperty("code").GetString();
    }
}

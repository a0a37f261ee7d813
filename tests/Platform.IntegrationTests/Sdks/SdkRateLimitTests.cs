using System.Net;
using System.Net.Http.Json;
using Platform.Authorization;
using Platform.IntegrationTests.Infrastructure;
using Ticketing.Platform.Sdk;
using Xunit.Abstractions;
using ApiClientSecretResponse = Platform.Identity.OAuth.ApiClientSecretResponse;

namespace Platform.IntegrationTests.Sdks;

/// <summary>
/// The C# SDK's retries against the platform's real rate limiter (issue #21): the tenant is on the free plan (burst 3),
/// the SDK authenticates with client credentials, and every attempt is recorded under the SDK as it crossed the wire.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SdkRateLimitTests(PlatformFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Burst_RetriesExhausted_EachWaitAtLeastRetryAfter_ThenTypedRateLimitedProblem()
    {
        // The loopback node's free plan refills 1/min: its 429s say Retry-After: 60. The SDK's clock fires its waits
        // at once (recording them), so the bucket is still empty at every retry and the retries run out in no time.
        _ = fixture.LoopbackNode;
        var client = await FreePlanClientAsync();
        var waits = new InstantWaits();
        var wire = new ExchangeRecorder(new SocketsHttpHandler());
        var retry = new RetryOptions { MaxRetries = 2, MaxDelay = TimeSpan.FromMinutes(2) };
        var api = PlatformClientFactory.Create(new PlatformClientOptions
        {
            BaseUrl = fixture.LoopbackUrl!, ClientId = client.Client.ClientId, ClientSecret = client.ClientSecret,
            InnerHandler = wire, Time = waits, Retry = retry,
        });
        for (var i = 0; i < 3; i++)
        {
            await api.ListEventsAsync(EventStatus.OnSale, 20, null); // the burst
        }

        var refused = await Assert.ThrowsAsync<PlatformProblemException>(() => api.ListEventsAsync(EventStatus.OnSale, 20, null));

        var calls = wire.ApiCalls;
        Assert.All(calls.Take(3), c => Assert.Equal(HttpStatusCode.OK, c.Status));
        var attempts = calls.Skip(3).ToList();
        Assert.Equal(retry.MaxRetries + 1, attempts.Count);
        Assert.All(attempts, a => Assert.Same(attempts[0].Request, a.Request)); // one call, retried
        Assert.All(attempts, a => Assert.Equal(HttpStatusCode.TooManyRequests, a.Status));
        var retryAfter = attempts[^1].RetryAfter ?? throw new Xunit.Sdk.XunitException("The last 429 carried no Retry-After.");
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1), $"Retry-After {retryAfter}");
        // Before each retry the SDK asked to wait the Retry-After of the answer before it, plus at most one BaseDelay of jitter.
        Assert.Equal(retry.MaxRetries, waits.Waits.Count);
        for (var i = 0; i < retry.MaxRetries; i++)
        {
            var asked = attempts[i].RetryAfter!.Value;
            Assert.InRange(waits.Waits[i], asked, asked + retry.BaseDelay);
            output.WriteLine($"429 #{i + 1}: Retry-After {asked.TotalSeconds} s, SDK waited {waits.Waits[i].TotalSeconds:F3} s");
        }

        Assert.Equal((ProblemCode.RateLimited, 429), (refused.Code, refused.StatusCode));
        Assert.Equal(retryAfter, refused.RetryAfter);
        Assert.StartsWith("rate_limited:", refused.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(refused.RequestId));
    }

    [Fact]
    public async Task Burst_ShortRetryAfter_EveryCallSucceedsThroughRetries_AfterWaitingAtLeastRetryAfter()
    {
        // A node whose free plan refills 1/s (Retry-After: 1), in real time: five calls at once on a burst of three.
        var node = fixture.QuickRefillNode;
        var client = await FreePlanClientAsync();
        var wire = new ExchangeRecorder(node.Server.CreateHandler());
        var api = PlatformClientFactory.Create(new PlatformClientOptions
        {
            BaseUrl = node.Server.BaseAddress, ClientId = client.Client.ClientId, ClientSecret = client.ClientSecret, InnerHandler = wire,
        });

        var pages = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.ListEventsAsync(EventStatus.OnSale, 20, null)));

        Assert.Equal(5, pages.Length);
        var calls = wire.ApiCalls;
        var retried = calls.Where(c => c.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(retried); // the burst did meet the limit
        Assert.Equal(5, calls.Count(c => c.Status == HttpStatusCode.OK));
        foreach (var refusal in retried)
        {
            var next = calls.First(c => ReferenceEquals(c.Request, refusal.Request) && c.SentAt > refusal.SentAt);
            var waited = next.SentAt - refusal.AnsweredAt;
            output.WriteLine($"429 with Retry-After {refusal.RetryAfter?.TotalSeconds} s; retried after {waited.TotalMilliseconds:F0} ms → {(int)next.Status}");
            Assert.Equal(TimeSpan.FromSeconds(1), refusal.RetryAfter);
            Assert.True(waited >= refusal.RetryAfter, $"The SDK retried {waited.TotalMilliseconds:F0} ms after a 429 that said Retry-After: 1.");
        }
    }

    /// <summary>A fresh tenant on the free plan (the test nodes' only low limit) and an API client of it.</summary>
    private async Task<ApiClientSecretResponse> FreePlanClientAsync()
    {
        var tenant = await fixture.CreateTenantAsync("sdkrl");
        using var platformAdmin = fixture.CreateClient(TestCaller.PlatformAdmin);
        var patch = await platformAdmin.PatchAsJsonAsync($"/api/v1/admin/tenants/{tenant.Id}", new { plan = "free" });
        Assert.True(patch.IsSuccessStatusCode, await patch.Content.ReadAsStringAsync());
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, PlatformRoles.Owner));
        return await (await owner.PostAsJsonAsync("/api/v1/api-clients", new { name = "SDK rate limit", scopes = new[] { PlatformScopes.EventsRead } }))
            .ReadAsync<ApiClientSecretResponse>();
    }
}

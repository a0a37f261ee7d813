using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Platform.IntegrationTests.Infrastructure;
using Platform.Webhooks;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Webhooks;

[Collection(PlatformCollection.Name)]
public sealed class WebhookEndpointApiTests(PlatformFixture fixture)
{
    [Theory]
    [InlineData("https://10.0.0.5/hook", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "cloud metadata")]
    [InlineData("https://[fd00::1]/hook", "unique-local")]
    [InlineData("https://[::ffff:192.168.0.1]/hook", "private")]
    [InlineData("https://100.64.1.1/hook", "carrier-grade NAT")]
    [InlineData("http://93.184.216.34/hook", "https")]
    [InlineData("https://no-such-host.invalid/hook", "cannot be resolved")]
    public async Task Create_InternalOrInsecureUrl_422NamingTheReason(string url, string reason)
    {
        var (_, admin) = await TenantAsync(fixture);

        var response = await admin.PostAsJsonAsync("/api/v1/webhooks/endpoints", new { url, eventTypes = new[] { "order.*" } });

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("webhook_url_refused", problem.Code());
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["url"], problem.ErrorFields());
    }

    [Fact]
    public async Task Create_MissingFieldsAndBadPatterns_422PerField()
    {
        var (_, admin) = await TenantAsync(fixture);

        var response = await admin.PostAsJsonAsync("/api/v1/webhooks/endpoints", new { eventTypes = new[] { "order*" }, filter = new { a = new[] { 1 } } });

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["eventTypes", "filter", "url"], problem.ErrorFields().Order());
    }

    [Fact]
    public async Task Create_ByApiClientWithoutWebhookScope_Forbidden()
    {
        var tenant = await fixture.CreateTenantAsync("wh");
        using var client = fixture.CreateClient(TestCaller.ApiClient(tenant.Id, "events:read"));

        var response = await client.PostAsJsonAsync("/api/v1/webhooks/endpoints", new { url = "https://example.com", eventTypes = new[] { "*" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Update_ReEnableAndChangeTypes_ClearsDisabledFlag()
    {
        var (_, admin) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(admin, receiver.Url);

        var disabled = await (await admin.PatchAsJsonAsync($"/api/v1/webhooks/endpoints/{endpoint.Endpoint.Id}", new { enabled = false })).ReadAsync<WebhookEndpointResponse>();
        var enabled = await (await admin.PatchAsJsonAsync($"/api/v1/webhooks/endpoints/{endpoint.Endpoint.Id}", new { enabled = true, eventTypes = new[] { "ticket.issued" } })).ReadAsync<WebhookEndpointResponse>();

        Assert.Equal("manual", disabled.DisabledReason);
        Assert.True(enabled.Enabled);
        Assert.Null(enabled.DisabledReason);
        Assert.Equal(["ticket.issued"], enabled.EventTypes);
        var list = await (await admin.GetAsync("/api/v1/webhooks/endpoints")).ReadAsync<global::Platform.Http.CursorPage<WebhookEndpointResponse>>();
        Assert.Equal(endpoint.Endpoint.Id, Assert.Single(list.Data).Id);
    }

    [Fact]
    public async Task EveryEndpointById_OtherTenantsId_NotFound()
    {
        var (tenantA, adminA) = await TenantAsync(fixture);
        var (_, adminB) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(adminA, receiver.Url);
        await EmitAsync(fixture, tenantA, "order.paid", new { orderId = "x" });
        var delivery = Assert.Single(await WaitForDeliveriesAsync(adminA, endpoint.Endpoint.Id, d => d.Count == 1 && d[0].Status == DeliveryStatus.Succeeded));
        var id = endpoint.Endpoint.Id;

        HttpResponseMessage[] responses =
        [
            await adminB.GetAsync($"/api/v1/webhooks/endpoints/{id}"),
            await adminB.PatchAsJsonAsync($"/api/v1/webhooks/endpoints/{id}", new { description = "x" }),
            await adminB.DeleteAsync($"/api/v1/webhooks/endpoints/{id}"),
            await adminB.PostAsync($"/api/v1/webhooks/endpoints/{id}/rotate-secret", null),
            await adminB.PostAsync($"/api/v1/webhooks/endpoints/{id}/test", null),
            await adminB.GetAsync($"/api/v1/webhooks/endpoints/{id}/deliveries"),
            await adminB.GetAsync($"/api/v1/webhooks/deliveries/{delivery.Id}/attempts"),
            await adminB.PostAsync($"/api/v1/webhooks/deliveries/{delivery.Id}/redeliver", null),
        ];

        foreach (var response in responses)
        {
            Assert.Equal("not_found", (await response.ProblemAsync(HttpStatusCode.NotFound)).Code());
        }

        Assert.Equal(HttpStatusCode.OK, (await adminA.GetAsync($"/api/v1/webhooks/endpoints/{id}")).StatusCode);
    }

    [Fact]
    public async Task ConnectCallback_LoopbackNotAllowed_RefusesBeforeConnecting()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var strict = new WebhookUrlGuard(new StaticMonitor(new WebhookOptions { AllowLoopback = false }));
        var lenient = new WebhookUrlGuard(new StaticMonitor(new WebhookOptions { AllowLoopback = true }));
        using var strictClient = new HttpClient(new SocketsHttpHandler { ConnectCallback = strict.ConnectAsync, AllowAutoRedirect = false });
        using var lenientClient = new HttpClient(new SocketsHttpHandler { ConnectCallback = lenient.ConnectAsync, AllowAutoRedirect = false });

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => strictClient.PostAsync(receiver.Url, new StringContent("{}")));
        var allowed = await lenientClient.PostAsync(receiver.Url, new StringContent("{}"));

        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Single(receiver.Received);
        Assert.Equal("The url must use https.", await strict.RefusalAsync(receiver.Url, CancellationToken.None));
        Assert.Null(await lenient.RefusalAsync(receiver.Url, CancellationToken.None));
    }

    private sealed class StaticMonitor(WebhookOptions value) : IOptionsMonitor<WebhookOptions>
    {
        public WebhookOptions CurrentValue => value;

        public WebhookOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WebhookOptions, string?> listener) => null;
    }
}

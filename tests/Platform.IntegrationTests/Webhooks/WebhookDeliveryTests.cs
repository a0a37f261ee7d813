using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;
using Platform.Webhooks;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Webhooks;

/// <summary>Events from the outbox to a real receiver on 127.0.0.1, through Hangfire, verified like a receiver would.</summary>
[Collection(PlatformCollection.Name)]
public sealed class WebhookDeliveryTests(PlatformFixture fixture)
{
    [Fact]
    public async Task OutboxEvent_MatchingEndpoint_DeliveredSignedWithStandardHeaders()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(admin, receiver.Url, filter: new { currency = "EUR" });
        await RegisterAsync(admin, receiver.Url, eventTypes: new[] { "ticket.*" });

        await EmitAsync(fixture, tenantId, "order.paid", new { orderId = "o-1", currency = "EUR" });
        await EmitAsync(fixture, tenantId, "order.paid", new { orderId = "o-2", currency = "USD" });

        var received = Assert.Single(await receiver.WaitForAsync(1));
        var expected = WebhookSigner.Sign(endpoint.Secret, received.Id, long.Parse(received.Timestamp, System.Globalization.CultureInfo.InvariantCulture), received.Body);
        Assert.Equal(expected, received.Signature);
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal("order.paid", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("o-1", body.RootElement.GetProperty("data").GetProperty("orderId").GetString());
        var delivery = Assert.Single(await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.All(x => x.Status == DeliveryStatus.Succeeded)));
        Assert.Equal(received.Id, delivery.WebhookId);
        await Task.Delay(500);
        Assert.Single(receiver.Received); // the USD event is filtered out; the ticket.* endpoint got nothing
    }

    [Fact]
    public async Task Delivery_ReceiverFailsTwice_RetriedWithSameIdThenSucceeds()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync(500, 503);
        var endpoint = await RegisterAsync(admin, receiver.Url);

        await EmitAsync(fixture, tenantId, "order.created", new { orderId = "o-1" });

        var received = await receiver.WaitForAsync(3);
        Assert.Single(received.Select(r => r.Id).Distinct());
        var delivery = Assert.Single(await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.All(x => x.Status == DeliveryStatus.Succeeded)));
        Assert.Equal(3, delivery.AttemptCount);
        var attempts = await (await admin.GetAsync($"/api/v1/webhooks/deliveries/{delivery.Id}/attempts")).ReadAsync<global::Platform.Http.CursorPage<WebhookAttemptResponse>>();
        Assert.Equal([500, 503, 200], attempts.Data.Select(a => a.StatusCode));
        Assert.Equal([1, 2, 3], attempts.Data.Select(a => a.AttemptNumber));
        Assert.Equal("received 500", attempts.Data[0].ResponseExcerpt);
    }

    [Fact]
    public async Task Delivery_ReceiverAnswers410_EndpointDisabledAndAudited()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync(410);
        var endpoint = await RegisterAsync(admin, receiver.Url);

        await EmitAsync(fixture, tenantId, "order.paid", new { orderId = "o-1" });

        var delivery = Assert.Single(await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.All(x => x.Status == DeliveryStatus.Failed)));
        Assert.Equal(1, delivery.AttemptCount);
        var disabled = await (await admin.GetAsync($"/api/v1/webhooks/endpoints/{endpoint.Endpoint.Id}")).ReadAsync<WebhookEndpointResponse>();
        Assert.False(disabled.Enabled);
        Assert.Equal("gone", disabled.DisabledReason);
        Assert.NotNull(disabled.DisabledAt);
        var audit = await (await fixture.CreateClient(TestCaller.TenantMember(tenantId, "owner"))
            .GetAsync($"/api/v1/audit-log?entityType=webhook_endpoint&entityId={endpoint.Endpoint.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("webhook_endpoint.disabled", audit, StringComparison.Ordinal);

        await (await admin.PostAsync($"/api/v1/webhooks/endpoints/{endpoint.Endpoint.Id}/test", null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Redeliver_SucceededDelivery_SentAgainWithSameWebhookId()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(admin, receiver.Url);
        await EmitAsync(fixture, tenantId, "order.refunded", new { orderId = "o-9" });
        var delivery = Assert.Single(await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.All(x => x.Status == DeliveryStatus.Succeeded)));

        var response = await admin.PostAsync($"/api/v1/webhooks/deliveries/{delivery.Id}/redeliver", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var received = await receiver.WaitForAsync(2);
        Assert.Equal(received[0].Id, received[1].Id);
        Assert.Equal(received[0].Body, received[1].Body);
        await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.All(x => x.Status == DeliveryStatus.Succeeded && x.AttemptCount == 2));
    }

    [Fact]
    public async Task RotateSecret_DuringOverlap_BothSignaturesSent()
    {
        var (_, admin) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(admin, receiver.Url);

        var rotated = await (await admin.PostAsync($"/api/v1/webhooks/endpoints/{endpoint.Endpoint.Id}/rotate-secret", null)).ReadAsync<WebhookSecretResponse>();
        var ping = await admin.PostAsync($"/api/v1/webhooks/endpoints/{endpoint.Endpoint.Id}/test", null);

        Assert.Equal(HttpStatusCode.Accepted, ping.StatusCode);
        Assert.NotEqual(endpoint.Secret, rotated.Secret);
        Assert.True(rotated.PreviousSecretExpiresAt > DateTimeOffset.UtcNow.AddHours(23));
        var received = Assert.Single(await receiver.WaitForAsync(1));
        var ts = long.Parse(received.Timestamp, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            $"{WebhookSigner.Sign(rotated.Secret, received.Id, ts, received.Body)} {WebhookSigner.Sign(endpoint.Secret, received.Id, ts, received.Body)}",
            received.Signature);
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal("webhook.test", body.RootElement.GetProperty("type").GetString());
    }
}
